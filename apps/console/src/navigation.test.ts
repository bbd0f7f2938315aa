import { describe, expect, it } from 'vitest';
import { pathOf, routeOf } from './navigation';

describe('routes', () => {
  it('reads and writes every page’s address', () => {
    for (const route of [
      { page: 'meetings' },
      { page: 'room', meetingId: '148989267' },
      { page: 'events' },
      { page: 'users' },
    ] as const) {
      expect(routeOf(pathOf(route))).toEqual(route);
    }
  });

  it('sends an unknown address to the meetings', () => {
    expect(routeOf('/nowhere/at/all')).toEqual({ page: 'meetings' });
  });
});
