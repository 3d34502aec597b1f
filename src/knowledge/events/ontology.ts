/**
 * PLOVER types and modes, CAMEO codes and their QuadClass, and the
 * conversions between them. The code table is generated (ontology-table.ts).
 */
import { CAMEO_TABLE, PLOVER_MODES, PLOVER_TYPES } from './ontology-table.js';

export { PLOVER_TYPES, PLOVER_MODES };
export type PloverType = (typeof PLOVER_TYPES)[number];

/** GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

// PLOVER dropped the CAMEO statement (01) and appeal (02) roots; appeals are requests in PLOVER.
const DROPPED_ROOTS: Record<string, PloverType | null> = { '01': null, '02': 'REQUEST' };

/** Old PLOVER names still found in data sets. */
const RENAMED: Record<string, PloverType> = { DISAPPROVE: 'ACCUSE', DEMAND: 'REQUEST', FIGHT: 'ASSAULT', YIELD: 'CONCEDE' };

/** Default CAMEO code per PLOVER type (the root-level code for the type). */
const DEFAULT_CAMEO: Record<PloverType, string> = {
  AGREE: '030', CONSULT: '040', SUPPORT: '050', CONCEDE: '080', COOPERATE: '060', AID: '070', RETREAT: '084',
  REQUEST: '100', ACCUSE: '112', REJECT: '120', THREATEN: '130', PROTEST: '140', SANCTION: '160', MOBILIZE: '150',
  COERCE: '170', ASSAULT: '190',
};

export function isPloverType(name: string): name is PloverType {
  return (PLOVER_TYPES as readonly string[]).includes(name);
}

/** A PLOVER type name in current spelling, or null when it is not one (e.g. DOCUMENT). */
export function normalizePloverType(name: string): PloverType | null {
  const upper = name.trim().toUpperCase();
  if (isPloverType(upper)) return upper;
  return RENAMED[upper] ?? null;
}

export function cameoRoot(code: string): string {
  return code.slice(0, 2);
}

export function quadClass(code: string): QuadClass {
  const root = Number(cameoRoot(code));
  if (root <= 5) return 1;
  if (root <= 9) return 2;
  if (root <= 14) return 3;
  return 4;
}

/** The PLOVER type and mode a CAMEO code maps to; null for codes PLOVER dropped (public statements). */
export function ploverOfCameo(code: string): { type: PloverType; mode: string | null } | null {
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    const row = CAMEO_TABLE[c];
    if (row) {
      const type = normalizePloverType(row[0]);
      if (type) return { type, mode: row[1] || null };
    }
  }
  const dropped = DROPPED_ROOTS[cameoRoot(code)];
  return dropped ? { type: dropped, mode: null } : null;
}

/** The CAMEO code for a PLOVER type and mode: the first code in the table with that pair, else the type's default. */
export function cameoOf(type: PloverType, mode: string | null): string {
  if (mode) {
    for (const [code, row] of Object.entries(CAMEO_TABLE)) if (row[0] === type && row[1] === mode) return code;
  }
  return DEFAULT_CAMEO[type];
}

/** CAMEO's name for a code ("Make a visit"), or null. */
export function cameoName(code: string): string | null {
  return CAMEO_TABLE[code]?.[3] ?? null;
}
