/**
 * Article metadata from JSON-LD (schema.org): the first article-typed node
 * across all <script type="application/ld+json"> blocks, looking through
 * arrays, @graph and nesting (mainEntity…), with @id references resolved
 * (Yoast-style graphs point to the author Person by @id).
 */

export interface JsonLdMeta {
  headline: string | null;
  authors: string[];
  /** The author is an organisation (often the publisher standing in for a person). */
  authorIsOrganization: boolean;
  datePublished: string | null;
  dateModified: string | null;
  publisher: string | null;
  /** True when the node was an article type (not just a WebPage). */
  isArticle: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = /^(?:\w+:)?(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|ScholarlyArticle|Report|MedicalWebPage|Review|HowTo|Recipe)$/;
const PAGE_TYPES = /^(?:\w+:)?(?:WebPage|ItemPage|AboutPage|CollectionPage|FAQPage|QAPage)$/;

function parseBlock(raw: string): Json | null {
  const cleaned = raw
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[/, '')
    .replace(/\/\/\s*\]\]>\s*$/, '')
    .trim();
  if (!cleaned) return null;
  try {
    return JSON.parse(cleaned) as Json;
  } catch {
    try {
      // Raw newlines and tabs inside strings are the commonest hand-written JSON-LD error.
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return null;
    }
  }
}

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in the blocks, depth-first, so nested article nodes are found too. */
function collectObjects(value: Json, out: JsonObject[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(value)) {
    for (const v of value) collectObjects(v, out, depth + 1);
  } else if (isObject(value)) {
    out.push(value);
    for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) collectObjects(v, out, depth + 1);
  }
}

function str(x: Json | undefined): string | null {
  if (typeof x === 'string') return x.trim() || null;
  if (typeof x === 'number') return String(x);
  if (Array.isArray(x)) return str(x[0]);
  if (isObject(x)) return str(x['@value']);
  return null;
}

function names(x: Json | undefined, byId: Map<string, JsonObject>, depth = 0): string[] {
  if (x === undefined || x === null || depth > 3) return [];
  if (typeof x === 'string') return x.trim() ? [x.trim()] : [];
  if (Array.isArray(x)) return x.flatMap((v) => names(v, byId, depth + 1));
  if (isObject(x)) {
    const name = str(x.name) ?? (str(x.givenName) && str(x.familyName) ? `${str(x.givenName)} ${str(x.familyName)}` : null);
    if (name) return [name];
    const id = str(x['@id']);
    const target = id ? byId.get(id) : undefined;
    if (target && target !== x) return names(target, byId, depth + 1);
  }
  return [];
}

const ORGANIZATION = /Organization|Corporation|NewsMedia|LocalBusiness|WebSite|Brand|Company/i;

function isOrganization(x: Json | undefined, byId: Map<string, JsonObject>): boolean {
  const first = Array.isArray(x) ? x[0] : x;
  if (!isObject(first)) return false;
  const id = str(first['@id']);
  const target = types(first).length === 0 && id ? byId.get(id) : first;
  return target !== undefined && types(target).some((t) => ORGANIZATION.test(t));
}

export function readJsonLd(blocks: string[]): JsonLdMeta | null {
  const objects: JsonObject[] = [];
  for (const raw of blocks) {
    const parsed = parseBlock(raw);
    if (parsed !== null) collectObjects(parsed, objects);
  }
  if (objects.length === 0) return null;
  const byId = new Map<string, JsonObject>();
  for (const o of objects) {
    const id = str(o['@id']);
    if (id && (types(o).length > 0 || Object.keys(o).length > 1) && !byId.has(id)) byId.set(id, o);
  }
  const article = objects.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const page = objects.find((o) => types(o).some((t) => PAGE_TYPES.test(t)));
  const node = article ?? page;
  if (!node) return null;
  const publisher = names(node.publisher, byId)[0] ?? null;
  const date = (key: string): string | null => str(node[key]) ?? (article && page ? str(page[key]) : null);
  return {
    headline: str(node.headline) ?? str(node.name),
    authorIsOrganization: isOrganization(node.author, byId),
    authors: [...new Set(names(node.author, byId).length > 0 ? names(node.author, byId) : names(node.creator, byId))],
    datePublished: date('datePublished') ?? date('dateCreated'),
    dateModified: date('dateModified'),
    publisher,
    isArticle: article !== undefined,
  };
}
