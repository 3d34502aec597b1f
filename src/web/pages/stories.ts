/**
 * Stories: articles reporting the same event, grouped across outlets; and one
 * story with its articles, sources and events merged across them (one event,
 * many mentions).
 */
import { useState } from 'react';
import { api, type SavedStory } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { count, date, span, Status } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';
import { Pager } from './claims.js';

const PAGE = 20;

type Ref = SavedStory['actors'][number];

function actorLinks(refs: Ref[]) {
  if (refs.length === 0) return h('span', { className: 'muted' }, '—');
  return h('span', null, ...refs.flatMap((r, i) => [i ? ', ' : '', r.key ? h(Link, { key: r.id, href: hrefs.actor(r.key) }, r.name) : r.name]));
}

export function StoriesPage() {
  const [offset, setOffset] = useState(0);
  const loaded = useLoad(`stories:${offset}`, () => api.stories(offset, PAGE));
  const items = loaded.value?.items ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'stories-title' },
    h('h1', { id: 'stories-title' }, 'Stories'),
    h('p', { className: 'muted byline' }, 'Articles that report the same event, largest first.'),
    h(Status, { loaded }),
    loaded.state === 'ready' && items.length === 0 ? h('p', { className: 'empty' }, 'No event has been reported twice yet.') : null,
    h(
      'ol',
      { className: 'plain cards', 'data-testid': 'stories' },
      ...items.map((s) =>
        h(
          'li',
          { key: s.id, className: 'panel story' },
          h('h2', null, h(Link, { href: hrefs.story(s.id) }, s.title ?? '(untitled)')),
          h('p', { className: 'muted' }, `${count(s.numArticles, 'article')} · ${count(s.numSources, 'source')} · ${span(s.first, s.last)}`),
          h('p', null, actorLinks(s.actors)),
        ),
      ),
    ),
    h(Pager, { offset, size: items.length, onMove: setOffset }),
  );
}

export function StoryPage(props: { id: string }) {
  const loaded = useLoad(`story:${props.id}`, () => api.story(props.id));
  const s = loaded.value && loaded.value.id === props.id ? loaded.value : null;
  return h(
    'section',
    { 'aria-labelledby': 'story-title' },
    h('h1', { id: 'story-title' }, s ? (s.title ?? '(untitled)') : 'Story'),
    h('p', { className: 'muted byline' }, s ? `${count(s.numArticles, 'article')} · ${count(s.numSources, 'source')} (${s.sources.join(', ') || 'unknown'}) · ${span(s.first, s.last)}` : '\u00a0'),
    h(Status, { loaded }),
    s
      ? h(
          'div',
          { className: 'grid two' },
          h(
            'section',
            { className: 'panel' },
            h('h2', null, 'Articles'),
            h(
              'ol',
              { className: 'plain results', 'data-testid': 'story-articles' },
              ...s.articles.map((a) =>
                h(
                  'li',
                  { key: a.article },
                  h(Link, { href: hrefs.article(a.article) }, a.title ?? '(untitled)'),
                  h('div', { className: 'muted' }, `${date(a.published)} · ${a.source ?? 'unknown source'} · ${a.evidence === 'first' ? 'first report' : `${a.evidence} ${a.similarity.toFixed(2)}`}`),
                ),
              ),
            ),
          ),
          h(
            'section',
            { className: 'panel' },
            h('h2', null, 'Events'),
            s.events.length === 0 ? h('p', { className: 'empty' }, 'No events coded in these articles.') : null,
            h(
              'ol',
              { className: 'plain results', 'data-testid': 'story-events' },
              ...s.events.map((e, i) =>
                h(
                  'li',
                  { key: i },
                  h('span', { className: 'tl-kind' }, e.type.toLowerCase()),
                  ' ',
                  actorLinks(e.source),
                  ' → ',
                  actorLinks(e.target),
                  h('div', { className: 'muted' }, `${count(e.mentions.length, 'mention')} in ${count(e.numArticles, 'article')}`),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
