import { useSubscription } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { EnterpriseEventsSubscription } from '../gql/graphql';
import { EnterpriseEventsDocument } from '../operations/admin';

type EnterpriseEvent = EnterpriseEventsSubscription['enterpriseEvents'];

const KEPT_EVENTS = 100;

/** The enterprise's meeting events as they happen (administrators), newest first. */
export function EventsFeed() {
  const { data, error } = useSubscription(EnterpriseEventsDocument);
  const [events, setEvents] = useState<EnterpriseEvent[]>([]);
  const latest = data?.enterpriseEvents;
  useEffect(() => {
    if (latest) setEvents((previous) => [latest, ...previous].slice(0, KEPT_EVENTS));
  }, [latest]);
  return (
    <section className="events-feed" data-testid="events-feed">
      <h2>Enterprise events</h2>
      {error && <p className="notice error">{error.message}</p>}
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
