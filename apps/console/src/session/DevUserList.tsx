import { useEffect, useState } from 'react';
import { type DevUser, fetchDevUsers } from './devUsers';

/** The seeded users a development gateway offers; nothing when it offers none. */
export function DevUserList({ onPick }: { onPick: (token: string) => void }) {
  const [users, setUsers] = useState<DevUser[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const controller = new AbortController();
    fetchDevUsers(controller.signal).then(setUsers, (e: unknown) => {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => controller.abort();
  }, []);
  if (error) return <p className="notice error">{error}</p>;
  if (users.length === 0) return null;
  return (
    <section className="dev-users">
      <h2>Development users</h2>
      <ul>
        {users.map((user) => (
          <li key={user.userId}>
            <button type="button" onClick={() => onPick(user.token)} data-user={user.userId}>
              {user.name}
              {user.roles.includes('admin') && <span className="badge">admin</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
