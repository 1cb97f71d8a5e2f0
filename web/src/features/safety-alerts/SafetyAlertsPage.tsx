import { startTransition, useEffect, useOptimistic, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { RadioGroup } from '../../base/ui/Field';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useNow } from '../../base/ui/useNow';
import { alertCategoryLabel } from '../chat/chat';
import { useLiveFullList, type OpenListState } from '../chat/liveCareTeamLists';
import { useTimeZone } from '../session/useTimeZone';
import { alertList, useSafetyAlerts } from './SafetyAlertsContext';
import { SafetyAlertItem } from './SafetyAlertItem';
import { acknowledgeAlert, type AlertFilter, type CareTeamAlert } from './safetyAlerts';
import { useAlertEvents } from './useAlertEvents';

const filterOptions = [
  { value: 'open', label: 'Open alerts' },
  { value: 'all', label: 'All alerts, acknowledged ones too' },
] as const;

/** The relative times ("5 minutes ago") move on this often. */
const clockTickMs = 30_000;

type ListState = OpenListState<CareTeamAlert>;

/**
 * The care team's safety alerts: open ones by default (`?show=all` for every one), kept live.
 * New alerts and others' acknowledgements are announced politely: the list itself is the notice
 * here, so the shell's banner stays off this page (see SafetyAlerts in chat).
 */
export function SafetyAlertsPage() {
  useDocumentTitle('Safety alerts');
  const [params, setParams] = useSearchParams();
  const filterInUrl: AlertFilter = params.get('show') === 'all' ? 'all' : 'open';
  // The router changes the URL inside a transition, which would hold the radio on its old value
  // until the new list renders; the optimistic value moves it the moment it is chosen.
  const [filter, showFilter] = useOptimistic(filterInUrl);
  const [announcement, setAnnouncement] = useState('');
  const [heardHere, setHeardHere] = useState<ReadonlySet<string>>(() => new Set());

  useAlertEvents((event) => {
    if (event.kind === 'raised') {
      setHeardHere((known) => new Set(known).add(event.alert.id));
      setAnnouncement(
        `New safety alert: ${event.alert.participantName} wrote about ${alertCategoryLabel(event.alert.category)}.`,
      );
    } else {
      setAnnouncement(`${event.acknowledgement.byName || 'A colleague'} acknowledged a safety alert.`);
    }
  });

  return (
    <div className="page-wide">
      <PageHeading>Safety alerts</PageHeading>
      <p className="lead">
        When a participant writes words of crisis in a chat, the clinicians of their program are alerted here at
        once. The words themselves stay in the chat room. Acknowledging an alert tells the rest of the care team that
        someone has it in hand.
      </p>
      <RadioGroup
        legend="Show"
        name="show"
        options={filterOptions}
        value={filter}
        onChange={(value) => {
          const chosen: AlertFilter = value === 'all' ? 'all' : 'open';
          startTransition(() => {
            showFilter(chosen);
            setParams(chosen === 'all' ? { show: 'all' } : {}, { replace: true });
          });
        }}
      />
      {filter === 'open' ? (
        <OpenAlerts heardHere={heardHere} onAnnounce={setAnnouncement} />
      ) : (
        <AllAlerts heardHere={heardHere} onAnnounce={setAnnouncement} />
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}

interface ListProps {
  heardHere: ReadonlySet<string>;
  onAnnounce: (text: string) => void;
}

/** The open ones, shared with the navigation's count (SafetyAlertsContext). */
function OpenAlerts({ heardHere, onAnnounce }: ListProps) {
  const safety = useSafetyAlerts();
  if (safety === null) return null;
  return (
    <AlertList
      filter="open"
      state={safety.open}
      heardHere={heardHere}
      onRetry={safety.retry}
      onAcknowledge={async (alert) => {
        await safety.acknowledge(alert.id);
        onAnnounce(`Acknowledged the alert for ${alert.participantName}. It has left the open list.`);
      }}
    />
  );
}

/** Every alert, read for this view only; live events are applied on top of what was read. */
function AllAlerts({ heardHere, onAnnounce }: ListProps) {
  const client = useHttpClient();
  const safety = useSafetyAlerts();
  const { list, retry, record } = useLiveFullList(alertList);
  return (
    <AlertList
      filter="all"
      state={list}
      heardHere={heardHere}
      onRetry={retry}
      onAcknowledge={async (alert) => {
        const acknowledged = safety ? await safety.acknowledge(alert.id) : await acknowledgeAlert(client, alert.id);
        if (acknowledged.acknowledgement) {
          record({ kind: 'acknowledged', alertId: alert.id, acknowledgement: acknowledged.acknowledgement });
        }
        onAnnounce(`Acknowledged the alert for ${alert.participantName}.`);
      }}
    />
  );
}

function AlertList({
  filter,
  state,
  heardHere,
  onRetry,
  onAcknowledge,
}: {
  filter: AlertFilter;
  state: ListState;
  heardHere: ReadonlySet<string>;
  onRetry: () => void;
  onAcknowledge: (alert: CareTeamAlert) => Promise<void>;
}) {
  const now = useNow(clockTickMs);
  const timeZone = useTimeZone();
  const container = useRef<HTMLDivElement>(null);
  // After an acknowledgement the button goes (and, in the open list, the whole alert): focus
  // moves to the alert now in that place, or to the summary when none is left, not to the page's top.
  // Set by an acknowledgement and taken once the list it changed is on screen.
  const focusIndex = useRef<number | null>(null);
  const alerts = state.status === 'ready' ? state.items : null;

  useEffect(() => {
    const index = focusIndex.current;
    if (index === null || alerts === null) return;
    focusIndex.current = null;
    const headings = container.current?.querySelectorAll<HTMLElement>('[data-alert-heading]') ?? [];
    const target =
      headings[Math.min(index, headings.length - 1)] ??
      container.current?.querySelector<HTMLElement>('[data-alert-summary]');
    target?.focus();
  }, [alerts]);

  if (state.status === 'loading') return <Loading what="safety alerts" />;
  if (state.status === 'error') {
    if (state.error.status === 403) {
      return <p className="lead">Safety alerts are for the care team: clinicians and administrators.</p>;
    }
    return <LoadError what="safety alerts" error={state.error} onRetry={onRetry} />;
  }
  const shown = state.items;
  return (
    <div ref={container} className="stack">
      <p className="safety-alert-summary" tabIndex={-1} data-alert-summary>
        {summaryOf(shown, filter)}
      </p>
      {shown.length > 0 && (
        <ul className="safety-alert-list" aria-label={filter === 'open' ? 'Open safety alerts' : 'All safety alerts'}>
          {shown.map((alert, index) => (
            <SafetyAlertItem
              key={alert.id}
              alert={alert}
              now={now}
              timeZone={timeZone}
              isNew={heardHere.has(alert.id)}
              onAcknowledge={async (acknowledging) => {
                focusIndex.current = index;
                try {
                  await onAcknowledge(acknowledging);
                } catch (cause) {
                  focusIndex.current = null;
                  throw cause;
                }
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function summaryOf(alerts: readonly CareTeamAlert[], filter: AlertFilter): string {
  if (filter === 'all') {
    if (alerts.length === 0) return 'There have been no safety alerts in the programs where you are a clinician.';
    const open = alerts.filter((alert) => alert.acknowledgement === null).length;
    return `${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}, newest first; ${open} open.`;
  }
  if (alerts.length === 0) {
    return 'No open safety alerts. New ones appear here as they are raised, in the programs where you are a clinician.';
  }
  return `${alerts.length} open ${alerts.length === 1 ? 'alert' : 'alerts'}, newest first.`;
}
