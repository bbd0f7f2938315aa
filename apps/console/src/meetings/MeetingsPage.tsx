import { MeetingList } from './MeetingList';
import { ScheduleForm } from './ScheduleForm';

/** The meetings page: the viewer's meetings and a form to schedule or start one. */
export function MeetingsPage() {
  return (
    <div className="meetings-page">
      <MeetingList />
      <ScheduleForm />
    </div>
  );
}
