import { Link, useLocation } from 'react-router';
import { isCareTeam } from '../session/roles';
import { useSession } from '../session/SessionContext';
import { alertCategoryLabel } from './chat';
import { useChat, useChatStore } from './ChatContext';

/**
 * Safety alerts for the care team, the moment they are raised (the safety net): who, where and
 * what kind, never the words. Shown at the top of every page until dismissed or acknowledged by
 * anyone on the care team; announced at once. Not on the Safety alerts page, whose list shows and
 * announces them already (twice would be noise in a screen reader).
 */
export function SafetyAlerts() {
  const chat = useChat();
  const store = useChatStore();
  const { state } = useSession();
  const { pathname } = useLocation();
  const alerts = chat?.alerts ?? [];
  if (alerts.length === 0 || pathname === '/safety-alerts') return null;
  // Facilitators who are not clinicians hear of alerts too, but the list is the care team's.
  const careTeam = state.status === 'signed-in' && isCareTeam(state.info.user.roles);
  const roomName = (roomId: string) => chat?.rooms?.find((r) => r.id === roomId)?.name ?? 'a chat room';
  return (
    <div role="alert" className="safety-alerts">
      {alerts.map((alert) => (
        <div key={alert.id} className="notice notice--error safety-alert">
          <p className="notice__title">Safety alert</p>
          <p>
            {alert.participantName} wrote about {alertCategoryLabel(alert.category)} in {roomName(alert.roomId)}.{' '}
            <Link to={`/chat/${encodeURIComponent(alert.roomId)}`}>Open the room</Link>
            {careTeam && (
              <>
                {' '}
                <Link to="/safety-alerts">See safety alerts</Link>
              </>
            )}
          </p>
          <button type="button" className="button button--quiet" onClick={() => store?.dismissAlert(alert.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
