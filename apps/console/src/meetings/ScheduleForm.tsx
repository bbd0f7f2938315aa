import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { navigate } from '../navigation';
import { CreateMeetingDocument, MeetingsDocument } from '../operations/meetings';

/** Schedules a meeting at a time, or starts one now when no time is given. */
export function ScheduleForm() {
  const [subject, setSubject] = useState('');
  const [startTime, setStartTime] = useState('');
  const [durationMinutes, setDuration] = useState(30);
  const [create, { loading, error }] = useMutation(CreateMeetingDocument, {
    refetchQueries: [MeetingsDocument],
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await create({
      variables: {
        input: {
          subject,
          durationMinutes,
          // datetime-local is the browser's local time: sent as the instant it names.
          ...(startTime ? { startTime: new Date(startTime).toISOString() } : {}),
        },
      },
    });
    setSubject('');
    if (data && !startTime) navigate({ page: 'room', meetingId: data.createMeeting.id });
  };
  return (
    <form className="schedule-form" onSubmit={(e) => void submit(e).catch(() => undefined)}>
      <h2>Schedule a meeting</h2>
      <label>
        Subject
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={128} />
      </label>
      <label>
        Start (empty: now)
        <input type="datetime-local" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
      </label>
      <label>
        Minutes
        <input
          type="number"
          min={15}
          max={1440}
          value={durationMinutes}
          onChange={(e) => setDuration(Number(e.target.value))}
        />
      </label>
      <button type="submit" disabled={loading || !subject}>
        {startTime ? 'Schedule' : 'Start now'}
      </button>
      {error && <p className="notice error">{error.message}</p>}
    </form>
  );
}
