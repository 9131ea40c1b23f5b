import { useSyncExternalStore } from 'react';

/** The dashboard's pages: the RCA list, or one RCA. */
export type Route = { page: 'list' } | { page: 'rca'; rcaId: string };

const RCA_PATH = /^#\/rcas\/([^/]+)$/;

/** Reads the route from the URL's hash (`#/rcas/42`), so the backend only ever serves `/`. */
export function parseRoute(hash: string): Route {
  const match = RCA_PATH.exec(hash);
  return match?.[1] === undefined ? { page: 'list' } : { page: 'rca', rcaId: decodeURIComponent(match[1]) };
}

/** The link to a route. */
export function hrefOf(route: Route): string {
  return route.page === 'list' ? '#/' : `#/rcas/${encodeURIComponent(route.rcaId)}`;
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current route's hash; components parse it (a string snapshot keeps renders stable). */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash, () => '');
}
