import { useSession } from '../session/SessionContext';
import { ConnectionIndicator } from './ConnectionIndicator';
import { NavLink } from './NavLink';

/** The header: navigation, the live connection, who is signed in. */
export function Header() {
  const { me, signOut } = useSession();
  return (
    <header className="header">
      <strong className="brand">hwmeeting console</strong>
      <nav>
        <NavLink to={{ page: 'meetings' }}>Meetings</NavLink>
        {me.isAdmin && <NavLink to={{ page: 'events' }}>Events</NavLink>}
        {me.isAdmin && <NavLink to={{ page: 'users' }}>Users</NavLink>}
      </nav>
      <ConnectionIndicator />
      <span className="me" data-testid="me">
        {me.name ?? me.account}
        {me.isAdmin && <span className="badge">admin</span>}
      </span>
      <button type="button" onClick={() => signOut('signed-out')}>
        Sign out
      </button>
    </header>
  );
}
