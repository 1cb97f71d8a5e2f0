import { RealtimeError } from '../../base/realtime/connection';

/** What to tell the person when a search was refused. */
export function searchProblem(error: RealtimeError): string {
  switch (error.code) {
    case 'invalid_argument':
      if (error.field === 'query') return 'Type at least one word.';
      if (error.field === 'cursor') return 'These results are out of date. Search again.';
      return 'The server could not run this search.';
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      return `You are searching quickly. Wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again.`;
    }
    case 'not_found':
      return 'This room is not open to you any more.';
    case 'unavailable':
      return 'The server cannot search just now. Try again in a moment.';
    case 'offline':
    case 'timeout':
      return 'Not connected. Try again once the connection is back.';
    default:
      return 'Something went wrong on the server. Try again.';
  }
}

/** What to tell the person when the server refused a request. */
export function refusalText(error: RealtimeError): string {
  switch (error.code) {
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      return `You are sending messages quickly. Wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again.`;
    }
    case 'not_found':
      return error.field === 'message_id' ? 'That message is no longer here.' : 'This room is not open to you any more.';
    case 'permission_denied':
      return 'You cannot change that message.';
    case 'muted':
      return 'A moderator has muted you in this room.';
    case 'invalid_argument':
      return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
    case 'unavailable':
      return 'The server cannot store messages just now. Try again in a moment.';
    case 'offline':
    case 'timeout':
      return 'Not connected. Reconnecting…';
    default:
      return 'Something went wrong on the server. Try again.';
  }
}
