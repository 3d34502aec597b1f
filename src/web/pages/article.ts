/**
 * The article reader: the text as text (React text nodes, never HTML), each
 * speaker's statements in that speaker's colour, mentions and event triggers
 * marked, who-said-what at the side, and the evidence of whatever is hovered
 * or focused in a box of fixed place.
 */
import { useMemo, useState } from 'react';
import type { Analysis } from '../../analysis.js';
import { api, type ArticleCorpus, type ArticleView } from '../api.js';
import { h } from '../h.js';
import { Link } from '../parts/link.js';
import { segmentText, speakerId, speakersOf, type Speaker } from '../parts/segments.js';
import { date, Status } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

type Focus = { kind: 'quote' | 'entity' | 'event'; id: string } | null;

export function ArticlePage(props: { id: string }) {
  const loaded = useLoad(`article:${props.id}`, () => api.article(props.id));
  // Its story and claims, from the corpus layer; the reader shows without them while they load.
  const corpus = useLoad(`article-corpus:${props.id}`, () => api.articleCorpus(props.id).then((c) => ({ id: props.id, corpus: c })));
  const place = corpus.value && corpus.value.id === props.id ? corpus.value.corpus : null;
  const view = loaded.value && loaded.value.article.id === props.id ? loaded.value : null;
  return h(
    'article',
    { 'aria-labelledby': 'article-title' },
    h('h1', { id: 'article-title' }, view ? (view.article.title ?? '(untitled)') : 'Article'),
    h('p', { className: 'muted byline' }, view ? [date(view.article.published), view.article.source, view.article.byline].filter(Boolean).join(' · ') : '\u00a0'),
    h(StoryLine, { story: place?.story ?? null }),
    h(Status, { loaded }),
    view ? h(Reader, { view, claims: place?.claims ?? {} }) : null,
  );
}

/** The story the article belongs to, on a line of its own that is there (empty) before it loads. */
function StoryLine(props: { story: ArticleCorpus['story'] }) {
  const { story } = props;
  return h(
    'p',
    { className: 'muted byline', 'data-testid': 'story-line' },
    story && story.numArticles > 1
      ? h('span', null, 'Part of the story ', h(Link, { href: hrefs.story(story.id) }, story.title ?? '(untitled)'), ` (${story.numArticles} articles, ${story.numSources} sources)`)
      : '\u00a0',
  );
}

function Reader(props: { view: ArticleView; claims: ArticleCorpus['claims'] }) {
  const { article, analysis, actorKeys } = props.view;
  const layers: Pick<Analysis, 'attributions' | 'entities' | 'events'> = analysis ?? { attributions: [], entities: [], events: [] };
  const segments = useMemo(() => segmentText(article.text, layers), [article.text, layers]);
  const speakers = useMemo(() => speakersOf(layers), [layers]);
  const [focus, setFocus] = useState<Focus>(null);
  const quoteSpeaker = new Map(layers.attributions.map((a) => [a.id, speakers.get(speakerId(a))!]));

  const pieces = segments.map((s) => {
    const classes: string[] = [];
    const speaker = s.quote ? quoteSpeaker.get(s.quote) : s.quoteHead ? quoteSpeaker.get(s.quoteHead) : undefined;
    if (s.quote) classes.push('quote', `c${speaker!.colour}`);
    if (s.quoteHead) classes.push('quote-head', `h${quoteSpeaker.get(s.quoteHead)!.colour}`);
    if (s.entity) classes.push('mention');
    if (s.event) classes.push('trigger');
    const active = focus && ((focus.kind === 'quote' && (s.quote === focus.id || s.quoteHead === focus.id)) || (focus.kind === 'entity' && s.entity === focus.id) || (focus.kind === 'event' && s.event === focus.id));
    if (active) classes.push('active');
    if (classes.length === 0) return s.text;
    const target: Focus = s.event ? { kind: 'event', id: s.event } : s.entity && !s.quote ? { kind: 'entity', id: s.entity } : s.quote || s.quoteHead ? { kind: 'quote', id: (s.quote ?? s.quoteHead)! } : s.entity ? { kind: 'entity', id: s.entity } : null;
    return h(
      'span',
      {
        key: s.start,
        className: classes.join(' '),
        'data-quote': s.quote ?? s.quoteHead ?? undefined,
        'data-speaker': speaker?.name,
        title: speaker ? `${speaker.name}` : undefined,
        onMouseEnter: () => setFocus(target),
      },
      s.text,
    );
  });

  return h(
    'div',
    { className: 'reader' },
    h('div', { className: 'article-text', 'data-testid': 'article-text', onMouseLeave: () => setFocus(null) }, ...pieces),
    h(
      'aside',
      { className: 'side' },
      h(Evidence, { focus, layers, speakers: quoteSpeaker, actorKeys }),
      h('h2', null, 'Who said what'),
      layers.attributions.length === 0 ? h('p', { className: 'empty' }, analysis ? 'No attributed statements found.' : 'This article was stored without analysis.') : null,
      h(
        'ol',
        { className: 'plain said' },
        ...[...speakers.values()].map((sp) =>
          h(
            'li',
            { key: sp.id, className: 'speaker-group' },
            h('h3', { className: `swatch-title` }, h('span', { className: `swatch c${sp.colour}`, 'aria-hidden': true }), actorKeys[sp.id] ? h(Link, { href: hrefs.actor(actorKeys[sp.id]!) }, sp.name) : sp.name),
            h(
              'ul',
              { className: 'plain' },
              ...layers.attributions
                .filter((a) => speakerId(a) === sp.id)
                .map((a) =>
                  h(
                    'li',
                    { key: a.id },
                    h(
                      'button',
                      {
                        type: 'button',
                        className: `said-item c${sp.colour}`,
                        'data-attribution': a.id,
                        onMouseEnter: () => setFocus({ kind: 'quote', id: a.id }),
                        onFocus: () => setFocus({ kind: 'quote', id: a.id }),
                        onClick: () => document.querySelector(`[data-quote="${a.id}"]`)?.scrollIntoView({ block: 'center' }),
                      },
                      h('span', { className: 'kind' }, a.kind),
                      ` ${a.content.text}`,
                    ),
                    (props.claims[a.id]?.size ?? 0) > 1 ? h(Link, { href: hrefs.claim(props.claims[a.id]!.id), className: 'claim-link' }, `recurring claim: made ${props.claims[a.id]!.size}×`) : null,
                  ),
                ),
            ),
          ),
        ),
      ),
      h(Legend, null),
    ),
  );
}

function Evidence(props: { focus: Focus; layers: Pick<Analysis, 'attributions' | 'entities' | 'events'>; speakers: Map<string, Speaker>; actorKeys: Record<string, string> }) {
  const { focus, layers, speakers, actorKeys } = props;
  const entityName = (id: string) => layers.entities.find((e) => e.id === id)?.name ?? id;
  let body: ReturnType<typeof h> | string = 'Hover or focus a highlighted passage, or a statement below, to see its evidence.';
  if (focus?.kind === 'quote') {
    const a = layers.attributions.find((x) => x.id === focus.id);
    if (a)
      body = h(
        'dl',
        null,
        h('dt', null, 'Speaker'),
        h('dd', null, `${speakers.get(a.id)?.name ?? 'unknown'} (“${a.speaker?.mention.text ?? '—'}”)`),
        h('dt', null, 'Cue'),
        h('dd', null, `${a.cue.text} · ${a.kind}`),
        h('dt', null, 'Said'),
        h('dd', null, a.content.text),
        h('dt', null, 'Characters'),
        h('dd', null, a.content.spans.map((s) => `${s.start}–${s.end}`).join(', ')),
      );
  } else if (focus?.kind === 'entity') {
    const e = layers.entities.find((x) => x.id === focus.id);
    if (e)
      body = h(
        'dl',
        null,
        h('dt', null, e.type),
        h('dd', null, actorKeys[e.id] ? h(Link, { href: hrefs.actor(actorKeys[e.id]!) }, e.name) : e.name),
        h('dt', null, 'Country · sector'),
        h('dd', null, `${e.country ?? '—'} · ${e.sector ?? '—'}`),
        h('dt', null, 'Roles'),
        h('dd', null, e.roles.join(', ') || '—'),
        h('dt', null, 'Mentions'),
        h('dd', null, e.mentions.map((m) => m.text).join(' · ')),
      );
  } else if (focus?.kind === 'event') {
    const v = layers.events.find((x) => x.id === focus.id);
    if (v)
      body = h(
        'dl',
        null,
        h('dt', null, 'Event'),
        h('dd', null, `${v.type}${v.cameo ? ` (CAMEO ${v.cameo})` : ''} · ${v.status} · “${v.trigger.text}”`),
        h('dt', null, 'Who → whom'),
        h('dd', null, `${v.source.map(entityName).join(', ') || '—'} → ${v.target.map(entityName).join(', ') || '—'}`),
        h('dt', null, 'Where · when'),
        h('dd', null, `${v.location?.name ?? '—'} · ${v.date?.value ?? '—'}`),
      );
  }
  return h('section', { className: 'evidence', 'aria-live': 'polite', 'data-testid': 'evidence' }, h('h2', null, 'Evidence'), body);
}

function Legend() {
  return h(
    'p',
    { className: 'legend muted' },
    h('span', { className: 'quote c0' }, 'statement'),
    ' coloured by speaker · ',
    h('span', { className: 'mention' }, 'entity mention'),
    ' · ',
    h('span', { className: 'trigger' }, 'event trigger'),
  );
}
