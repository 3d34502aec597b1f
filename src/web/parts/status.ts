import { h } from '../h.js';
import type { Loaded } from '../use-load.js';

/** One line under the heading, same height whatever the state, so content does not jump. */
export function Status<T>(props: { loaded: Loaded<T> }) {
  const { loaded } = props;
  const text = loaded.state === 'loading' ? 'Loading…' : loaded.state === 'error' ? `Could not load: ${loaded.reason}` : '';
  return h('p', { className: `status ${loaded.state}`, role: 'status', 'aria-live': 'polite' }, text);
}

export function date(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : 'undated';
}

/**
 * A statement's or event's date: the calendar day when there is one, else the article's own words for it
 * ("Sunday (publication date unknown)"), else "undated".
 */
export function when(value: string | null | undefined, text: string | null | undefined): string {
  if (value) return value.slice(0, 10);
  return text ? `${text.replace(/^on\s+/i, '')} (publication date unknown)` : 'undated';
}

/** "first → last" of a cluster, one date when they are the same. */
export function span(first: string | null, last: string | null): string {
  if (!first && !last) return 'undated';
  return first === last || !last ? date(first) : `${date(first)} → ${date(last)}`;
}

/** When a claim was first and last made, or that its articles carry no publication date. */
export function seen(first: string | null, last: string | null): string {
  return first || last ? `first and last seen ${span(first, last)}` : 'publication dates unknown';
}

/** "1 statement", "2 statements". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
