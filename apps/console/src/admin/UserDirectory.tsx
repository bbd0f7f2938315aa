import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { UsersDocument } from '../operations/admin';
import { appendEdges, MoreButton } from '../paging/MoreButton';

const PAGE_SIZE = 20;

/** The enterprise's users (administrators), searchable, a page at a time. */
export function UserDirectory() {
  const [search, setSearch] = useState('');
  const { data, error, fetchMore } = useQuery(UsersDocument, {
    variables: { first: PAGE_SIZE, ...(search ? { search } : {}) },
  });
  const page = data?.users;
  return (
    <section className="user-directory" data-testid="user-directory">
      <h2>Users {page && <small>({page.totalCount})</small>}</h2>
      <input type="search" placeholder="Search" value={search} onChange={(e) => setSearch(e.target.value)} />
      {error && <p className="notice error">{error.message}</p>}
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Account</th>
            <th>User ID</th>
            <th>Department</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {page?.edges.map(({ node }) => (
            <tr key={node.id} data-user={node.thirdPartyId ?? node.id}>
              <td>{node.name}</td>
              <td>{node.account}</td>
              <td>{node.thirdPartyId}</td>
              <td>{node.department?.name}</td>
              <td>{node.role?.toLowerCase()}</td>
              <td>{node.status?.toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreButton
        page={page}
        onMore={(after) => void fetchMore({ variables: { after }, updateQuery: appendEdges('users') })}
      />
    </section>
  );
}
