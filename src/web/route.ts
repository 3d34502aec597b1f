/** Client-side routes: real paths (the server answers every non-API path with the page), history API navigation. */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'overview' }
  | { page: 'search'; q: string }
  | { page: 'article'; id: string }
  | { page: 'actor'; key: string }
  | { page: 'upload' }
  | { page: 'claims' }
  | { page: 'claim'; id: string }
  | { page: 'stories' }
  | { page: 'story'; id: string }
  | { page: 'missing'; path: string };

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'overview' };
  if (parts[0] === 'search') return { page: 'search', q: new URLSearchParams(search).get('q') ?? '' };
  if (parts[0] === 'article' && parts[1]) return { page: 'article', id: parts[1] };
  if (parts[0] === 'actor' && parts[1]) return { page: 'actor', key: parts.slice(1).join('/') };
  if (parts[0] === 'upload') return { page: 'upload' };
  if (parts[0] === 'claims') return { page: 'claims' };
  if (parts[0] === 'claim' && parts[1]) return { page: 'claim', id: parts[1] };
  if (parts[0] === 'stories') return { page: 'stories' };
  if (parts[0] === 'story' && parts[1]) return { page: 'story', id: parts[1] };
  return { page: 'missing', path: pathname };
}

export const hrefs = {
  overview: () => '/',
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  article: (id: string, focus?: string) => `/article/${encodeURIComponent(id)}${focus ? `#${encodeURIComponent(focus)}` : ''}`,
  actor: (key: string) => `/actor/${encodeURIComponent(key)}`,
  upload: () => '/upload',
  claims: () => '/claims',
  claim: (id: string) => `/claim/${encodeURIComponent(id)}`,
  stories: () => '/stories',
  story: (id: string) => `/story/${encodeURIComponent(id)}`,
};

export function navigate(href: string): void {
  window.history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const read = () => parseRoute(window.location.pathname, window.location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
