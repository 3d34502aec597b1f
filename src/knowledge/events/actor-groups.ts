/**
 * Actor codes for named non-state groups: each group of the NER group list
 * gets its own code and, when it has one, its home country. The aliases
 * come from knowledge/groups.ts, so "Daesh", "ISIL" and "ISIS" are one actor.
 */
import { ARMED_GROUPS } from '../groups.js';

export interface GroupActor {
  /** Our code for the group (upper-case canonical name, no spaces). */
  code: string;
  /** Home country, alpha-3, or null for transnational groups. */
  country: string | null;
  name: string;
  aliases: readonly string[];
}

// Canonical name (first alias in ARMED_GROUPS) → home country.
const HOME: Record<string, string | null> = {
  Daesh: null, Hezbollah: 'LBN', 'al-Nusra Front': 'SYR', Hamas: 'PSE', 'Islamic Jihad': 'PSE', Taliban: 'AFG',
  'al-Qaeda': null, 'al-Shabaab': 'SOM', 'Boko Haram': 'NGA', PKK: 'TUR', YPG: 'SYR', SDF: 'SYR',
  'Free Syrian Army': 'SYR', 'Ahrar al-Sham': 'SYR', 'Jaish al-Islam': 'SYR', Ansarullah: 'YEM',
  'Popular Mobilization Units': 'IRQ', "Kata'ib Hezbollah": 'IRQ', Jundallah: 'IRN', MEK: 'IRN', ETA: 'ESP',
  IRA: 'GBR', FARC: 'COL', 'Tamil Tigers': 'LKA', 'Lashkar-e-Taiba': 'PAK', 'Jaish-e-Mohammed': 'PAK',
  'Abu Sayyaf': 'PHL', 'Shining Path': 'PER', Janjaweed: 'SDN', 'Wagner Group': 'RUS',
};

const GROUPS: GroupActor[] = ARMED_GROUPS.map((row) => {
  const name = row[0]!;
  return { name, aliases: row, country: HOME[name] ?? null, code: name.toUpperCase().replace(/[^A-Z]/g, '') };
});

const BY_ALIAS = new Map<string, GroupActor>();
for (const g of GROUPS) for (const a of g.aliases) BY_ALIAS.set(a.toLowerCase(), g);
// Short aliases that are also common words ("IS") only count in their exact case.
const CASE_SENSITIVE = new Set(['IS', 'IRA', 'ETA']);

/** The group a name or alias denotes ("ISIL", "the ISIL Takfiri group" → Daesh), or null. */
export function groupOf(name: string): GroupActor | null {
  const clean = name.trim().replace(/^the\s+/i, '');
  const exact = BY_ALIAS.get(clean.toLowerCase());
  if (!exact) return null;
  const alias = exact.aliases.find((a) => a.toLowerCase() === clean.toLowerCase())!;
  if (CASE_SENSITIVE.has(alias) && alias !== clean) return null;
  return exact;
  return null;
}

export function groupActors(): readonly GroupActor[] {
  return GROUPS;
}
