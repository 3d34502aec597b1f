/** Events per month as SVG bars: fixed size, drawn from data, no library. */
import { h } from '../h.js';

export function MonthChart(props: { months: Array<{ month: string; events: number }> }) {
  const { months } = props;
  const width = 640;
  const height = 180;
  const pad = 28;
  if (months.length === 0) return h('p', { className: 'empty chart-empty' }, 'No dated events yet.');
  const max = Math.max(...months.map((m) => m.events));
  const bw = (width - pad * 2) / months.length;
  return h(
    'svg',
    { className: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Events per month, ${months[0]!.month} to ${months[months.length - 1]!.month}` },
    h('line', { x1: pad, x2: width - pad, y1: height - pad, y2: height - pad, className: 'axis' }),
    ...months.map((m, i) => {
      const bh = ((height - pad * 2) * m.events) / max;
      const x = pad + i * bw;
      return h(
        'g',
        { key: m.month },
        h('rect', { x: x + bw * 0.1, y: height - pad - bh, width: bw * 0.8, height: bh, className: 'bar' }, h('title', null, `${m.month}: ${m.events} events`)),
        months.length <= 24 || i % Math.ceil(months.length / 12) === 0
          ? h('text', { x: x + bw / 2, y: height - pad + 14, textAnchor: 'middle', className: 'tick' }, m.month)
          : null,
      );
    }),
    h('text', { x: pad - 4, y: pad, textAnchor: 'end', className: 'tick' }, String(max)),
  );
}
