import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { NotificationList } from './NotificationList';

export function NotificationsPage() {
  useDocumentTitle('Notifications');
  return (
    <>
      <PageHeading>Notifications</PageHeading>
      <p className="lead">Reminders before your sessions, and news about your groups and sessions, newest first.</p>
      <NotificationList limit={50} />
    </>
  );
}
