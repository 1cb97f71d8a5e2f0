/** Plain words for the protocol's refusals (docs/protocol/realtime.md, "Live sessions"). */
export function refusalText(code: string, about?: 'join' | 'share' | 'unmute'): string {
  switch (code) {
    case 'hard_muted':
      return 'The facilitator muted you. You can unmute once they allow it.';
    case 'permission_denied':
      return about === 'share'
        ? 'Sharing your screen is not allowed in this session right now.'
        : 'Only a facilitator can do that.';
    case 'locked':
      return 'The room is locked: the facilitator is not letting anyone new in right now.';
    case 'conflict':
      return about === 'join'
        ? 'This session is not open now. You can join from 10 minutes before it starts until it ends.'
        : 'That is no longer possible in this session.';
    case 'not_found':
      return 'There is no such session, or it is not open to you.';
    case 'not_admitted':
      return 'You are not in the room yet.';
    case 'rate_limited':
      return 'Please wait a moment before trying again.';
    case 'invalid_argument':
      return 'Hearth did not accept that value. Check it and try again.';
    case 'offline':
      return 'You are offline. Hearth reconnects by itself; try again in a moment.';
    case 'timeout':
      return 'The server did not answer in time. Try again.';
    default:
      return 'That did not work. Try again.';
  }
}
