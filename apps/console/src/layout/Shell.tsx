import { EventsFeed } from '../admin/EventsFeed';
import { UserDirectory } from '../admin/UserDirectory';
import { MeetingsPage } from '../meetings/MeetingsPage';
import { useRoute } from '../navigation';
import { MeetingRoom } from '../room/MeetingRoom';
import { useSession } from '../session/SessionContext';
import { AdminsOnly } from './AdminsOnly';
import { Header } from './Header';

/** The signed-in console: the header and the page of the current address. */
export function Shell() {
  const route = useRoute();
  const { me } = useSession();
  return (
    <>
      <Header />
      <main className="page">
        {route.page === 'room' && <MeetingRoom key={route.meetingId} meetingId={route.meetingId} />}
        {route.page === 'meetings' && <MeetingsPage />}
        {route.page === 'events' && (me.isAdmin ? <EventsFeed /> : <AdminsOnly />)}
        {route.page === 'users' && (me.isAdmin ? <UserDirectory /> : <AdminsOnly />)}
      </main>
    </>
  );
}
