/**
 * Recurring claims: statements by one speaker (or several) that assert the
 * same thing across articles, with when the claim was first and last seen;
 * and one claim with every statement of it.
 */
import { api, type SavedClaim } from '../api.js';
import { h } from '../h.js';
import { ActorLinks } from '../parts/actor-links.js';
import { Link } from '../parts/link.js';
import { PagedList } from '../parts/paged-list.js';
import { count, seen, Status, when } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

function Speakers(props: { claim: SavedClaim }) {
  const { speakers, numSpeakers } = props.claim;
  const more = numSpeakers - speakers.length;
  return h('span', null, h(ActorLinks, { refs: speakers, none: 'unknown speaker' }), more > 0 ? ` and ${count(more, 'other')}` : '');
}

export function ClaimsPage() {
  return h(PagedList<SavedClaim>, {
    id: 'claims',
    title: 'Recurring claims',
    intro: 'Statements that assert the same thing, across articles and time, most repeated first.',
    empty: 'No claim has been made twice yet.',
    load: api.claims,
    item: (c) =>
      h(
        'li',
        { key: c.id, className: 'panel claim' },
        h('blockquote', null, c.text),
        h('p', { className: 'muted' }, h(Speakers, { claim: c }), ` · ${count(c.numStatements, 'statement')} · ${seen(c.firstSeen, c.lastSeen)} · `, h(Link, { href: hrefs.claim(c.id) }, 'every statement')),
      ),
  });
}

export function ClaimPage(props: { id: string }) {
  const loaded = useLoad(`claim:${props.id}`, () => api.claim(props.id));
  const c = loaded.value && loaded.value.id === props.id ? loaded.value : null;
  return h(
    'section',
    { 'aria-labelledby': 'claim-title' },
    h('h1', { id: 'claim-title' }, 'Claim'),
    h('p', { className: 'muted byline' }, c ? h('span', null, h(Speakers, { claim: c }), ` · ${count(c.numStatements, 'statement')} · ${seen(c.firstSeen, c.lastSeen)}`) : '\u00a0'),
    h(Status, { loaded }),
    c ? h('blockquote', { className: 'claim-text' }, c.text) : null,
    c
      ? h(
          'ol',
          { className: 'plain results', 'data-testid': 'claim-statements' },
          ...c.statements.map((s) =>
            h(
              'li',
              { key: `${s.article}/${s.attribution}` },
              h('time', { className: 'when' }, when(s.published, s.dateText)),
              h('blockquote', null, s.text ?? '(statement text not stored)'),
              h(
                'span',
                { className: 'muted' },
                '— ',
                s.speakerKey ? h(Link, { href: hrefs.actor(s.speakerKey) }, s.speakerName ?? '?') : (s.speakerName ?? 'unknown'),
                ' · ',
                h(Link, { href: hrefs.article(s.article, s.attribution) }, s.title ?? 'article'),
                s.source ? ` · ${s.source}` : '',
              ),
            ),
          ),
        )
      : null,
  );
}
