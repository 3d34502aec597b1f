import { api } from '../api.js';
import { h } from '../h.js';
import { MonthChart } from '../parts/chart.js';
import { Link } from '../parts/link.js';
import { count, date, Status } from '../parts/status.js';
import { hrefs } from '../route.js';
import { useLoad } from '../use-load.js';

export function OverviewPage() {
  const loaded = useLoad('overview', api.overview);
  const o = loaded.value;
  const counts = o
    ? [
        ['articles', o.counts.articles],
        ['actors', o.counts.actors],
        ['quotes', o.counts.quotes],
        ['events', o.counts.events],
      ]
    : [];
  return h(
    'section',
    { 'aria-labelledby': 'overview-title' },
    h('h1', { id: 'overview-title' }, 'Corpus overview'),
    h(Status, { loaded }),
    h('dl', { className: 'counts' }, ...counts.map(([label, n]) => h('div', { key: label, className: 'count' }, h('dt', null, label), h('dd', null, Number(n).toLocaleString('en')))),),
    h(
      'div',
      { className: 'grid two' },
      h(
        'section',
        { className: 'panel' },
        h('h2', null, 'Top speakers'),
        o && o.topSpeakers.length === 0 ? h('p', { className: 'empty' }, 'No attributed statements yet.') : null,
        h('ol', { className: 'plain' }, ...(o?.topSpeakers ?? []).map((a) => h('li', { key: a.key }, h(Link, { href: hrefs.actor(a.key) }, a.name), h('span', { className: 'muted' }, ` ${count(a.statements, 'statement')} · ${count(a.articles, 'article')}`)))),
      ),
      h(
        'section',
        { className: 'panel' },
        h('h2', null, 'Recent articles'),
        h('ul', { className: 'plain' }, ...(o?.recent ?? []).map((a) => h('li', { key: a.id }, h(Link, { href: hrefs.article(a.id) }, a.title ?? '(untitled)'), h('span', { className: 'muted' }, ` ${date(a.published)} · ${a.source ?? 'unknown source'}`)))),
      ),
    ),
    h('section', { className: 'panel' }, h('h2', null, 'Events over time'), o ? h(MonthChart, { months: o.eventsByMonth }) : h('div', { className: 'chart' })),
  );
}
