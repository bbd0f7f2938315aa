import { useSyncExternalStore } from 'react';

/** The console's own path prefix (Vite's `base`, `/console/`), without its last slash. */
const basePath: string = import.meta.env.BASE_URL.replace(/\/$/, '');

/** The console's pages, parsed from the address. */
export type Route =
  | { page: 'meetings' }
  | { page: 'room'; meetingId: string }
  | { page: 'events' }
  | { page: 'users' };

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The route of an address path (below the console's base). */
export function routeOf(pathname: string): Route {
  const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const room = /^\/meetings\/([^/]+)$/.exec(path);
  if (room?.[1]) return { page: 'room', meetingId: decodeURIComponent(room[1]) };
  if (path === '/admin/events') return { page: 'events' };
  if (path === '/admin/users') return { page: 'users' };
  return { page: 'meetings' };
}

/** The address path of a route. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'room':
      return `${basePath}/meetings/${encodeURIComponent(route.meetingId)}`;
    case 'events':
      return `${basePath}/admin/events`;
    case 'users':
      return `${basePath}/admin/users`;
    default:
      return `${basePath}/`;
  }
}

/** Goes to a route (a history entry, no page load). */
export function navigate(route: Route): void {
  window.history.pushState(null, '', pathOf(route));
  for (const listener of listeners) listener();
}

/** The current route; re-renders on navigation and on back/forward. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return routeOf(pathname);
}
