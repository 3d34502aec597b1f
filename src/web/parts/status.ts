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

/** "1 statement", "2 statements". */
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
