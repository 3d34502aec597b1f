/**
 * Event places on a world map: world-atlas countries (TopoJSON, served by
 * fivew itself) projected with d3-geo into SVG paths. Nothing from the internet.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { useEffect, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { h } from '../h.js';

export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
  events: number;
}

const WIDTH = 640;
const HEIGHT = 330;
let atlas: Promise<Topology> | null = null;

function loadAtlas(): Promise<Topology> {
  atlas ??= fetch('/world/countries-110m.json').then((r) => {
    if (!r.ok) throw new Error(`world map: ${r.status}`);
    return r.json() as Promise<Topology>;
  });
  return atlas;
}

export function PlacesMap(props: { places: MapPlace[] }) {
  const [paths, setPaths] = useState<string[] | null>(null);
  const projection = geoEqualEarth().fitExtent(
    [
      [8, 8],
      [WIDTH - 8, HEIGHT - 8],
    ],
    { type: 'Sphere' },
  );
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (topo) => {
        const countries = feature(topo, topo.objects.countries as GeometryCollection);
        const path = geoPath(projection);
        if (live) setPaths(countries.features.map((f) => path(f) ?? ''));
      },
      () => live && setPaths([]),
    );
    return () => {
      live = false;
    };
    // The projection is fixed; recomputing it each render yields the same paths.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const max = Math.max(1, ...props.places.map((p) => p.events));
  return h(
    'figure',
    { className: 'panel map-figure' },
    h(
      'svg',
      { className: 'map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Map of ${props.places.length} event places`, 'data-testid': 'map', 'data-countries': paths?.length ?? 0 },
      h('path', { d: geoPath(projection)({ type: 'Sphere' }) ?? '', className: 'sphere' }),
      ...(paths ?? []).map((d, i) => h('path', { key: i, d, className: 'country' })),
      ...props.places.map((p) => {
        const xy = projection([p.lon, p.lat]);
        if (!xy) return null;
        return h(
          'circle',
          { key: `${p.name}${p.lat}${p.lon}`, cx: xy[0], cy: xy[1], r: 3 + (6 * p.events) / max, className: 'place' },
          h('title', null, `${p.name}: ${p.events} event${p.events === 1 ? '' : 's'}`),
        );
      }),
    ),
    props.places.length === 0 ? h('figcaption', { className: 'empty' }, 'No located events yet.') : null,
  );
}
