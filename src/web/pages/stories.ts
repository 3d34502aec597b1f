/**
 * Stories: articles reporting the same event, grouped across outlets; and one
 * story with its articles, sources and events merged across them (one event,
 * many mentions).
 */
import { api, type SavedStory } from '../api.js';
import { h } from '../h.js';
import { ActorLinks, type ActorRef } from '../parts/actor-links.js';
import { Link } from '../parts/link.js';
import { PagedList } from '../parts/paged-list.js';
import { count, date, span, Status } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

function actorLinks(refs: ActorRef[]) {
  return h(ActorLinks, { refs });
}

export function StoriesPage() {
  return h(PagedList<SavedStory>, {
    id: 'stories',
    title: 'Stories',
    intro: 'Articles that report the same event, largest first.',
    empty: 'No event has been reported twice yet.',
    load: api.stories,
    item: (s) =>
      h(
        'li',
        { key: s.id, className: 'panel story' },
        h('h2', null, h(Link, { href: hrefs.story(s.id) }, s.title ?? '(untitled)')),
        h('p', { className: 'muted' }, `${count(s.numArticles, 'article')} · ${count(s.numSources, 'source')} · ${span(s.first, s.last)}`),
        h('p', null, actorLinks(s.actors)),
      ),
  });
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
