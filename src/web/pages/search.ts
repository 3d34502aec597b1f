import { api } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { count, date, Status, when } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

export function SearchPage(props: { q: string }) {
  const { q } = props;
  const loaded = useLoad(`search:${q}`, () => (q.trim() ? api.search(q) : Promise.resolve({ articles: [], actors: [], quotes: [] })));
  const r = loaded.value;
  const column = (title: string, count: number | undefined, items: ReturnType<typeof h>[]) =>
    h('section', { className: 'panel' }, h('h2', null, `${title}${count === undefined ? '' : ` (${count})`}`), count === 0 ? h('p', { className: 'empty' }, 'Nothing found.') : null, h('ul', { className: 'plain results' }, ...items));
  return h(
    'section',
    { 'aria-labelledby': 'search-title' },
    h('h1', { id: 'search-title' }, q ? `Results for “${q}”` : 'Search'),
    h(Status, { loaded }),
    h(
      'div',
      { className: 'grid three' },
      column(
        'Actors',
        r?.actors.length,
        (r?.actors ?? []).map((a) =>
          h('li', { key: a.key }, h(Link, { href: hrefs.actor(a.key) }, a.name), h('span', { className: 'muted' }, ` ${a.type.toLowerCase()}${a.country ? ` · ${a.country}` : ''} · ${count(a.statements, 'statement')}`)),
        ),
      ),
      column(
        'Articles',
        r?.articles.length,
        (r?.articles ?? []).map((a) => h('li', { key: a.id }, h(Link, { href: hrefs.article(a.id) }, a.title ?? '(untitled)'), h('div', { className: 'muted snippet' }, `${date(a.published)} · ${a.snippet}`))),
      ),
      column(
        'Quotes',
        r?.quotes.length,
        (r?.quotes ?? []).map((x) =>
          h(
            'li',
            { key: `${x.articleId}/${x.attributionId}` },
            h('blockquote', null, x.content),
            h('span', { className: 'muted' }, '— ', x.speakerKey ? h(Link, { href: hrefs.actor(x.speakerKey) }, x.speakerName ?? x.speakerText ?? '?') : (x.speakerText ?? 'unknown'), ` · ${when(x.date, x.dateText)} · `, h(Link, { href: hrefs.article(x.articleId, x.attributionId) }, 'in context')),
          ),
        ),
      ),
    ),
  );
}
