import { browserTimeZone } from '../../base/ui/format';
import { useSignedIn } from './SessionContext';

/** The zone the signed-in person reads times in: their account's, else the browser's. */
export function useTimeZone(): string {
  const { user } = useSignedIn();
  return user.timeZone || browserTimeZone();
}
