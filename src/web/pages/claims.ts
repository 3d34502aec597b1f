/**
 * Recurring claims: statements by one speaker (or several) that assert the
 * same thing across articles, with when the claim was first and last seen;
 * and one claim with every statement of it.
 */
import { useState } from 'react';
import { api, type SavedClaim } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { count, span, Status, when } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

const PAGE = 20;

function Speakers(props: { claim: SavedClaim }) {
  const { speakers } = props.claim;
  if (speakers.length === 0) return h('span', { className: 'muted' }, 'unknown speaker');
  return h('span', null, ...speakers.flatMap((s, i) => [i ? ', ' : '', s.key ? h(Link, { key: s.id, href: hrefs.actor(s.key) }, s.name) : s.name]));
}

export function ClaimsPage() {
  const [offset, setOffset] = useState(0);
  const loaded = useLoad(`claims:${offset}`, () => api.claims(offset, PAGE));
  const items = loaded.value?.items ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'claims-title' },
    h('h1', { id: 'claims-title' }, 'Recurring claims'),
    h('p', { className: 'muted byline' }, 'Statements that assert the same thing, across articles and time, most repeated first.'),
    h(Status, { loaded }),
    loaded.state === 'ready' && items.length === 0 ? h('p', { className: 'empty' }, 'No claim has been made twice yet.') : null,
    h(
      'ol',
      { className: 'plain cards', 'data-testid': 'claims' },
      ...items.map((c) =>
        h(
          'li',
          { key: c.id, className: 'panel claim' },
          h('blockquote', null, c.text),
          h('p', { className: 'muted' }, h(Speakers, { claim: c }), ` · ${count(c.numStatements, 'statement')} · ${span(c.firstSeen, c.lastSeen)} · `, h(Link, { href: hrefs.claim(c.id) }, 'every statement')),
        ),
      ),
    ),
    h(Pager, { offset, size: items.length, onMove: setOffset }),
  );
}

/** Previous / next, always in the same place. */
export function Pager(props: { offset: number; size: number; onMove: (offset: number) => void }) {
  return h(
    'nav',
    { className: 'pager', 'aria-label': 'pages' },
    h('button', { type: 'button', disabled: props.offset === 0, onClick: () => props.onMove(Math.max(0, props.offset - PAGE)) }, '← Previous'),
    h('button', { type: 'button', disabled: props.size < PAGE, onClick: () => props.onMove(props.offset + PAGE) }, 'Next →'),
  );
}

export function ClaimPage(props: { id: string }) {
  const loaded = useLoad(`claim:${props.id}`, () => api.claim(props.id));
  const c = loaded.value && loaded.value.id === props.id ? loaded.value : null;
  return h(
    'section',
    { 'aria-labelledby': 'claim-title' },
    h('h1', { id: 'claim-title' }, 'Claim'),
    h('p', { className: 'muted byline' }, c ? h('span', null, h(Speakers, { claim: c }), ` · ${count(c.numStatements, 'statement')} · first and last seen ${span(c.firstSeen, c.lastSeen)}`) : '\u00a0'),
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
