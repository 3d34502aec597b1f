/** The counterparts network of one actor, drawn by cytoscape.js in a box of fixed size. */
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { h } from '../h.js';
import { hrefs, navigate } from '../route.js';

export interface NetworkProps {
  centre: { key: string; name: string };
  counterparts: Array<{ key: string; name: string; weight: number }>;
}

export function CounterpartNetwork(props: NetworkProps) {
  const box = useRef<HTMLDivElement>(null);
  const { centre, counterparts } = props;
  useEffect(() => {
    if (!box.current || counterparts.length === 0) return;
    const max = Math.max(...counterparts.map((c) => c.weight));
    const cy = cytoscape({
      container: box.current,
      elements: [
        { data: { id: centre.key, label: centre.name, centre: 1 } },
        ...counterparts.map((c) => ({ data: { id: c.key, label: c.name, centre: 0 } })),
        ...counterparts.map((c) => ({ data: { id: `${centre.key}->${c.key}`, source: centre.key, target: c.key, weight: c.weight, width: 1 + (5 * c.weight) / max } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'background-color': '#5a7bb5', width: 18, height: 18, color: '#1d2433' } },
        { selector: 'node[centre = 1]', style: { 'background-color': '#c2410c', width: 26, height: 26, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9aa7bd', label: 'data(weight)', 'font-size': 9, color: '#56627a' } },
      ],
      layout: { name: 'concentric', concentric: (n: cytoscape.NodeSingular) => (n.data('centre') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 40, animate: false },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (e) => {
      const key = String(e.target.id());
      if (key !== centre.key) navigate(hrefs.actor(key));
    });
    box.current.dataset.ready = String(cy.nodes().length);
    return () => cy.destroy();
  }, [centre.key, centre.name, counterparts]);
  return h(
    'figure',
    { className: 'panel network-figure' },
    h('div', { ref: box, className: 'network', 'data-testid': 'network', role: 'img', 'aria-label': `Network of ${centre.name} and ${counterparts.length} counterparts` }),
    counterparts.length === 0 ? h('figcaption', { className: 'empty' }, 'No shared events with other actors yet.') : null,
  );
}
