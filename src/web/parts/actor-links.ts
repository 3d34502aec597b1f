/** Actors named by the corpus layer, as links to their pages (plain text when one has no page yet). */
import { h } from '../h.js';
import { hrefs } from '../route.js';
import { Link } from './link.js';

export interface ActorRef {
  id: string;
  key: string | null;
  name: string;
}

export function ActorLinks(props: { refs: ActorRef[]; none?: string }) {
  if (props.refs.length === 0) return h('span', { className: 'muted' }, props.none ?? '—');
  return h('span', null, ...props.refs.flatMap((r, i) => [i ? ', ' : '', r.key ? h(Link, { key: r.id, href: hrefs.actor(r.key) }, r.name) : r.name]));
}
