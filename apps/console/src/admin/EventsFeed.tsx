import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { EnterpriseEventsSubscription } from '../gql/graphql';
import { EnterpriseEventsDocument } from '../operations/admin';

type EnterpriseEvent = EnterpriseEventsSubscription['enterpriseEvents'];

const KEPT_EVENTS = 100;
const RESUBSCRIBE_MS = 2000;

/** The enterprise's meeting events as they happen (administrators), newest first. */
export function EventsFeed() {
  const { data, error, restart } = useSubscription(EnterpriseEventsDocument);
  // A lost connection (not a refusal) is followed again after a pause; the feed has no cursor to resume from,
  // so what happened meanwhile is not shown.
  useEffect(() => {
    if (!error || CombinedGraphQLErrors.is(error)) return;
    const timer = setTimeout(restart, RESUBSCRIBE_MS);
    return () => clearTimeout(timer);
  }, [error, restart]);
  const [events, setEvents] = useState<EnterpriseEvent[]>([]);
  const latest = data?.enterpriseEvents;
  useEffect(() => {
    if (latest) setEvents((previous) => [latest, ...previous].slice(0, KEPT_EVENTS));
  }, [latest]);
  return (
    <section className="events-feed" data-testid="events-feed">
      <h2>Enterprise events</h2>
      {error && (
        <p className="notice error">
          {CombinedGraphQLErrors.is(error) ? error.message : 'Connection lost; following the events again…'}
        </p>
      )}
      {events.length === 0 && <p className="notice">Waiting for events… (schedule or start a meeting)</p>}
      <table>
        <tbody>
          {events.map((event) => (
            <tr key={`${event.occurredAt}-${event.name}-${event.meeting?.id}-${event.attendee?.name}`}>
              <td>{new Date(event.occurredAt).toLocaleTimeString()}</td>
              <td>{event.type.replaceAll('_', ' ').toLowerCase()}</td>
              <td>{event.meeting?.id}</td>
              <td>{event.attendee?.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
