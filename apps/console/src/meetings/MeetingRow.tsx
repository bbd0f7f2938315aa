import { useMutation } from '@apollo/client/react';
import type { MeetingsQuery } from '../gql/graphql';
import { navigate } from '../navigation';
import { StartMeetingDocument } from '../operations/meetings';

type ListedMeeting = MeetingsQuery['meetings']['edges'][number]['node'];

/** One meeting of the list: open its room, or (its host) start it. */
export function MeetingRow({ meeting }: { meeting: ListedMeeting }) {
  const [start, { loading, error }] = useMutation(StartMeetingDocument);
  const open = () => navigate({ page: 'room', meetingId: meeting.id });
  return (
    <li className="meeting-row" data-meeting={meeting.id}>
      <button type="button" className="link" onClick={open}>
        {meeting.subject ?? meeting.id}
      </button>
      <span className={`state state-${meeting.state}`}>{meeting.state.replace('_', ' ').toLowerCase()}</span>
      <span className="when">{meeting.startTime ? new Date(meeting.startTime).toLocaleString() : ''}</span>
      <span className="whose">
        {meeting.viewerIsOwner ? 'mine' : `invited by ${meeting.owner.name ?? '?'}`}
      </span>
      {meeting.state === 'SCHEDULED' && meeting.viewerRole === 'HOST' && (
        <button
          type="button"
          disabled={loading}
          onClick={() => start({ variables: { id: meeting.id } }).then(open, () => undefined)}
        >
          Start
        </button>
      )}
      {error && <span className="error">{error.message}</span>}
    </li>
  );
}
