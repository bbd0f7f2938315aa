import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { MeetingsDocument } from '../operations/meetings';
import { appendEdges, MoreButton } from '../paging/MoreButton';
import { MeetingRow } from './MeetingRow';

/** Which meetings the list shows: all, those the viewer scheduled, or those they are invited to. */
type Whose = 'all' | 'mine' | 'invited';

const PAGE_SIZE = 10;

/** The viewer's scheduled and ongoing meetings, a page at a time, filtered by whose they are. */
export function MeetingList() {
  const [whose, setWhose] = useState<Whose>('all');
  const { data, error, loading, fetchMore } = useQuery(MeetingsDocument, {
    variables: { first: PAGE_SIZE },
  });
  const page = data?.meetings;
  const meetings = (page?.edges ?? [])
    .map((edge) => edge.node)
    .filter(
      (m) => whose === 'all' || (whose === 'mine' ? m.viewerIsOwner === true : m.viewerIsOwner === false),
    );
  return (
    <section className="meeting-list">
      <h2>Meetings {page && <small>({page.totalCount})</small>}</h2>
      <div className="tabs" role="tablist">
        {(['all', 'mine', 'invited'] as const).map((tab) => (
          <button
            type="button"
            role="tab"
            key={tab}
            aria-selected={whose === tab}
            onClick={() => setWhose(tab)}
          >
            {tab}
          </button>
        ))}
      </div>
      {error && <p className="notice error">{error.message}</p>}
      {loading && !page && <p className="notice">Loading…</p>}
      <ul>
        {meetings.map((meeting) => (
          <MeetingRow key={meeting.id} meeting={meeting} />
        ))}
      </ul>
      <MoreButton
        page={page}
        onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendEdges('meetings') })}
      />
    </section>
  );
}
