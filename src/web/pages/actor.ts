/**
 * The actor page: one linked actor (every name it was linked under, with the
 * evidence and confidence of each link), its statements and events from every
 * article over time, the claims it keeps making, its counterparts and places.
 */
import { api, type ActorPage as ActorPageData } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { PlacesMap } from '../parts/map.js';
import { CounterpartNetwork } from '../parts/network.js';
import { count, seen, Status, when } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

export function ActorPage(props: { actorKey: string }) {
  const loaded = useLoad(`actor:${props.actorKey}`, () => api.actor(props.actorKey).then((page) => ({ asked: props.actorKey, page })));
  // An old address (a name since linked into another actor) answers with that actor: match on what was asked.
  const page = loaded.value && loaded.value.asked === props.actorKey ? loaded.value.page : null;
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
            'div',
            null,
            h(Names, { page }),
            h(
              'section',
              { className: 'panel' },
              h('h2', null, 'Timeline'),
              page.timeline.length === 0 ? h('p', { className: 'empty' }, 'No statements or events yet.') : null,
              h(
                'ol',
                { className: 'plain timeline', 'data-testid': 'timeline' },
                ...page.timeline.map((t) =>
                  h(
                    'li',
                    { key: `${t.kind}:${t.articleId}/${t.id}`, className: `tl ${t.kind}` },
                    h('time', null, when(t.date, t.dateText)),
                    h('span', { className: 'tl-kind' }, t.kind === 'quote' ? 'said' : t.type.toLowerCase()),
                    t.kind === 'quote' ? h('span', { className: 'said-text' }, t.text) : h('span', null, `“${t.text}”`, eventWith(page.events, t.articleId, t.id, page.actor.key)),
                    h(
                      'span',
                      { className: 'muted' },
                      ' — ',
                      h(Link, { href: hrefs.article(t.articleId, t.id) }, t.title ?? 'article'),
                      t.kind === 'quote' && t.claimId && t.claimSize > 1 ? h('span', null, ' · ', h(Link, { href: hrefs.claim(t.claimId) }, `claim made ${t.claimSize}×`)) : null,
                    ),
                  ),
                ),
              ),
            ),
          ),
          h(
            'div',
            null,
            h(Claims, { page }),
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

/** Every name of the linked actor, and why each was linked (the evidence and its confidence). */
function Names(props: { page: ActorPageData }) {
  const { page } = props;
  const variants = page.linked?.variants ?? page.names.map((n) => n.name);
  return h(
    'section',
    { className: 'panel', 'data-testid': 'names' },
    h('h2', null, 'Names and roles'),
    h('ul', { className: 'plain inline names' }, ...variants.map((v) => h('li', { key: v }, v))),
    page.linked && page.linked.totalVariants > page.linked.variants.length
      ? h('p', { className: 'muted' }, `and ${page.linked.totalVariants - page.linked.variants.length} more names`)
      : null,
    page.linked && page.linked.links.length
      ? h(
          'table',
          { className: 'links' },
          h('caption', { className: 'muted' }, 'How the names were linked'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'linked to'), h('th', { scope: 'col' }, 'evidence'), h('th', { scope: 'col' }, 'confidence'))),
          h(
            'tbody',
            null,
            ...page.linked.links.map((l, i) => h('tr', { key: i }, h('td', null, l.from), h('td', null, l.to), h('td', null, l.evidence), h('td', null, l.confidence.toFixed(2)))),
          ),
          page.linked.totalLinks > page.linked.links.length
            ? h('tfoot', null, h('tr', null, h('td', { colSpan: 4, className: 'muted' }, `and ${page.linked.totalLinks - page.linked.links.length} more links`)))
            : null,
        )
      : h('p', { className: 'muted' }, page.linked ? 'One name only: nothing to link.' : 'Not linked yet: the corpus is refreshed at the end of each ingest.'),
    h('p', { className: 'muted' }, page.roles.length ? page.roles.map((r) => `${r.role} (${r.count})`).join(' · ') : 'No roles recorded.'),
  );
}

function Claims(props: { page: ActorPageData }) {
  const { claims } = props.page;
  return h(
    'section',
    { className: 'panel', 'data-testid': 'actor-claims' },
    h('h2', null, 'Recurring claims'),
    claims.length === 0 ? h('p', { className: 'empty' }, 'No claim made more than once.') : null,
    h(
      'ol',
      { className: 'plain results' },
      ...claims.map((c) =>
        h(
          'li',
          { key: c.id },
          h('blockquote', null, c.text),
          h('span', { className: 'muted' }, `${count(c.numStatements, 'statement')} · ${seen(c.firstSeen, c.lastSeen)} · `, h(Link, { href: hrefs.claim(c.id) }, 'every statement')),
        ),
      ),
    ),
  );
}

/** " with X, Y" for an event on the timeline: the other participants, as links. */
function eventWith(events: Array<{ articleId: string; eventId: string; participants: Array<{ key: string; name: string }> }>, articleId: string, eventId: string, self: string) {
  const e = events.find((x) => x.articleId === articleId && x.eventId === eventId);
  const others = (e?.participants ?? []).filter((p, i, all) => p.key !== self && all.findIndex((q) => q.key === p.key) === i);
  if (others.length === 0) return null;
  return h('span', null, ' with ', ...others.flatMap((p, i) => [i ? ', ' : '', h(Link, { key: p.key, href: hrefs.actor(p.key) }, p.name)]));
}
