import { describe, expect, it } from 'vitest';
import { appendEdges } from './MoreButton';

describe('appendEdges', () => {
  it('keeps the edges shown so far, appends the new page and takes its page info', () => {
    const previous = {
      users: {
        totalCount: 3,
        pageInfo: { hasNextPage: true, endCursor: 'b' },
        edges: [{ id: 'a' }, { id: 'b' }],
      },
    };
    const next = {
      users: { totalCount: 3, pageInfo: { hasNextPage: false, endCursor: 'c' }, edges: [{ id: 'c' }] },
    };
    expect(appendEdges('users')(previous, { fetchMoreResult: next })).toEqual({
      users: {
        totalCount: 3,
        pageInfo: { hasNextPage: false, endCursor: 'c' },
        edges: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      },
    });
    expect(previous.users.edges).toHaveLength(2);
  });
});
