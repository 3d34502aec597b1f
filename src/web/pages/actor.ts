import { api } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { PlacesMap } from '../parts/map.js';
import { CounterpartNetwork } from '../parts/network.js';
import { count, date, Status } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

export function ActorPage(props: { actorKey: string }) {
  const loaded = useLoad(`actor:${props.actorKey}`, () => api.actor(props.actorKey));
  const page = loaded.value && loaded.value.actor.key === props.actorKey ? loaded.value : null;
  const a = page?.actor;
  return h(
    'section',
    { 'aria-labelledby': 'actor-title', className: 'actor' },
    h('h1', { id: 'actor-title' }, a ? a.name : 'Actor'),
    h(
      'p',
      { className: 'muted byline' },
      a ? `${a.type.toLowerCase()} · country ${a.country ?? 'unknown'} · sector ${a.sector ?? 'unknown'} · ${count(a.articles, 'article')} · ${count(a.statements, 'statement')} · ${count(a.events, 'event')}` : '\u00a0',
    ),
    h(Status, { loaded }),
    page
      ? h(
          'div',
          { className: 'grid two' },
          h(
            'section',
            { className: 'panel' },
            h('h2', null, 'Names and roles'),
            h('p', null, page.names.map((n) => n.name).join(' · ') || '—'),
            h('p', { className: 'muted' }, page.roles.length ? page.roles.map((r) => `${r.role} (${r.count})`).join(' · ') : 'No roles recorded.'),
            h('h2', null, 'Timeline'),
            page.timeline.length === 0 ? h('p', { className: 'empty' }, 'No statements or events yet.') : null,
            h(
              'ol',
              { className: 'plain timeline', 'data-testid': 'timeline' },
              ...page.timeline.map((t) =>
                h(
                  'li',
                  { key: `${t.kind}:${t.articleId}/${t.id}`, className: `tl ${t.kind}` },
                  h('time', null, t.kind === 'event' && !t.date && t.dateText ? t.dateText : date(t.date)),
                  h('span', { className: 'tl-kind' }, t.kind === 'quote' ? 'said' : t.type.toLowerCase()),
                  t.kind === 'quote' ? h('span', { className: 'said-text' }, t.text) : h('span', null, `“${t.text}”`, eventWith(page.events, t.articleId, t.id, props.actorKey)),
                  h('span', { className: 'muted' }, ' — ', h(Link, { href: hrefs.article(t.articleId, t.id) }, t.title ?? 'article')),
                ),
              ),
            ),
          ),
          h(
            'div',
            null,
            h('h2', null, 'Counterparts'),
            h(CounterpartNetwork, { centre: { key: page.actor.key, name: page.actor.name }, counterparts: page.counterparts }),
            h(
              'ul',
              { className: 'plain inline' },
              ...page.counterparts.map((c) => h('li', { key: c.key }, h(Link, { href: hrefs.actor(c.key) }, c.name), h('span', { className: 'muted' }, ` ×${c.weight}`))),
            ),
            h('h2', null, 'Event places'),
            h(PlacesMap, { places: page.places }),
          ),
        )
      : null,
  );
}

/** " with X, Y" for an event on the timeline: the other participants, as links. */
function eventWith(events: Array<{ articleId: string; eventId: string; participants: Array<{ key: string; name: string }> }>, articleId: string, eventId: string, self: string) {
  const e = events.find((x) => x.articleId === articleId && x.eventId === eventId);
  const others = (e?.participants ?? []).filter((p, i, all) => p.key !== self && all.findIndex((q) => q.key === p.key) === i);
  if (others.length === 0) return null;
  return h('span', null, ' with ', ...others.flatMap((p, i) => [i ? ', ' : '', h(Link, { key: p.key, href: hrefs.actor(p.key) }, p.name)]));
}
