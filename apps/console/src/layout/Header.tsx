import { navigate, pathOf, type Route } from '../navigation';
import { useSession } from '../session/SessionContext';
import { ConnectionIndicator } from './ConnectionIndicator';

/** Links that move within the console without loading the page. */
function NavLink({ to, children }: { to: Route; children: string }) {
  return (
    <a
      href={pathOf(to)}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

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
