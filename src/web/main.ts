/** The fivew web UI: one page, client-side routes, everything from the fivew server itself. */
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { h } from './h.js';
import { ActorPage } from './pages/actor.js';
import { ArticlePage } from './pages/article.js';
import { OverviewPage } from './pages/overview.js';
import { SearchPage } from './pages/search.js';
import { UploadPage } from './pages/upload.js';
import { ClaimPage, ClaimsPage } from './pages/claims.js';
import { StoriesPage, StoryPage } from './pages/stories.js';
import { Link } from './parts/link.js';
import { hrefs, navigate, useRoute, type Route } from './route.js';

function SearchBox(props: { initial: string }) {
  const [q, setQ] = useState(props.initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(hrefs.search(q.trim()));
  };
  return h(
    'form',
    { role: 'search', className: 'searchbox', onSubmit: submit },
    h('label', { htmlFor: 'q', className: 'visually-hidden' }, 'Search articles, actors and quotes'),
    h('input', { id: 'q', type: 'search', placeholder: 'Search articles, actors, quotes…', value: q, onChange: (e: { target: { value: string } }) => setQ(e.target.value) }),
    h('button', { type: 'submit' }, 'Search'),
  );
}

function page(route: Route) {
  switch (route.page) {
    case 'overview':
      return h(OverviewPage);
    case 'search':
      return h(SearchPage, { q: route.q });
    case 'article':
      return h(ArticlePage, { id: route.id });
    case 'actor':
      return h(ActorPage, { actorKey: route.key });
    case 'upload':
      return h(UploadPage);
    case 'claims':
      return h(ClaimsPage);
    case 'claim':
      return h(ClaimPage, { id: route.id });
    case 'stories':
      return h(StoriesPage);
    case 'story':
      return h(StoryPage, { id: route.id });
    case 'missing':
      return h('section', null, h('h1', null, 'Not found'), h('p', null, `Nothing at ${route.path}. `, h(Link, { href: hrefs.overview() }, 'Back to the overview')));
  }
}

function App() {
  const route = useRoute();
  return h(
    'div',
    { className: 'app' },
    h('a', { href: '#main', className: 'skip' }, 'Skip to content'),
    h(
      'header',
      { className: 'top' },
      h(Link, { href: hrefs.overview(), className: 'brand' }, 'fivew'),
      h(SearchBox, { initial: route.page === 'search' ? route.q : '' }),
      h('nav', { 'aria-label': 'main' }, h(Link, { href: hrefs.overview() }, 'Overview'), h(Link, { href: hrefs.stories() }, 'Stories'), h(Link, { href: hrefs.claims() }, 'Claims'), h(Link, { href: hrefs.upload() }, 'Add articles'), h('a', { href: '/api/docs' }, 'API')),
    ),
    h('main', { id: 'main', tabIndex: -1 }, page(route)),
  );
}

createRoot(document.getElementById('root')!).render(h(App));
