// Hash routes: #/due, #/cases/ID2021_045, #/agenda, #/simulator, #/login.
// A view's own state (filters, the meeting date) lives in the query part
// (#/due?until=2026-06-30&kind=REASSESSMENT) so that a link or a reload
// shows the same list; views update it with replaceState, which does not
// re-render.

export interface Route {
  // Path segments after "#/", e.g. ["cases", "ID2021_045"].
  path: string[];
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = hash.split('?', 2);
  const path = pathPart
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, query: new URLSearchParams(queryPart) };
}

// Rewrites the query of the current route without a new history entry and
// without a hashchange event.
export function replaceQuery(query: URLSearchParams): void {
  const route = currentRoute();
  const path = route.path.map(encodeURIComponent).join('/');
  const text = query.toString();
  history.replaceState(null, '', `#/${path}${text ? `?${text}` : ''}`);
}

export function navigate(hash: string): void {
  location.hash = hash;
}
