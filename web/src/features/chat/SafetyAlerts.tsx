import { Link } from 'react-router';
import { alertCategoryLabel } from './chat';
import { useChat, useChatStore } from './ChatContext';

/**
 * Safety alerts for the care team, the moment they are raised (the safety net): who, where and
 * what kind, never the words. Shown at the top of every page until dismissed; announced at once.
 */
export function SafetyAlerts() {
  const chat = useChat();
  const store = useChatStore();
  const alerts = chat?.alerts ?? [];
  if (alerts.length === 0) return null;
  const roomName = (roomId: string) => chat?.rooms?.find((r) => r.id === roomId)?.name ?? 'a chat room';
  return (
    <div role="alert" className="safety-alerts">
      {alerts.map((alert) => (
        <div key={alert.id} className="notice notice--error safety-alert">
          <p className="notice__title">Safety alert</p>
          <p>
            {alert.participantName} wrote about {alertCategoryLabel(alert.category)} in {roomName(alert.roomId)}.{' '}
            <Link to={`/chat/${encodeURIComponent(alert.roomId)}`}>Open the room</Link>
          </p>
          <button type="button" className="button button--quiet" onClick={() => store?.dismissAlert(alert.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
