/**
 * A page that lists one page of items at a time (claims, stories): heading,
 * status line, the list, and previous/next buttons that stay in one place.
 */
import { useState, type ReactNode } from 'react';
import { h } from '../h.js';
import { useLoad } from '../use-load.js';
import { Status } from './status.js';

const PAGE = 20;

export interface PagedListProps<T> {
  id: string;
  title: string;
  intro: string;
  empty: string;
  load: (offset: number, limit: number) => Promise<{ items: T[] }>;
  item: (item: T) => ReactNode;
}

export function PagedList<T>(props: PagedListProps<T>) {
  const [offset, setOffset] = useState(0);
  const loaded = useLoad(`${props.id}:${offset}`, () => props.load(offset, PAGE));
  const items = loaded.value?.items ?? [];
  return h(
    'section',
    { 'aria-labelledby': `${props.id}-title` },
    h('h1', { id: `${props.id}-title` }, props.title),
    h('p', { className: 'muted byline' }, props.intro),
    h(Status, { loaded }),
    loaded.state === 'ready' && items.length === 0 ? h('p', { className: 'empty' }, props.empty) : null,
    h('ol', { className: 'plain cards', 'data-testid': props.id }, ...items.map(props.item)),
    h(
      'nav',
      { className: 'pager', 'aria-label': 'pages' },
      h('button', { type: 'button', disabled: offset === 0, onClick: () => setOffset(Math.max(0, offset - PAGE)) }, '← Previous'),
      h('button', { type: 'button', disabled: items.length < PAGE, onClick: () => setOffset(offset + PAGE) }, 'Next →'),
    ),
  );
}
