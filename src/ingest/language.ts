/**
 * Language of an article body: franc-min trigrams, reported as ISO 639-1.
 *
 * Very short ASCII texts give trigram models nothing to go on, and in this
 * product they are nearly always English snippets, so they default to `en`.
 * A page's declared language (`<html lang>`, JSON-LD inLanguage, a feed's
 * <language>) is only a hint: templates often declare `en` for every page,
 * so it decides only when the trigram scores leave it nearly tied.
 */
import { francAll } from 'franc-min';

/** ISO 639-3 codes franc-min can return → ISO 639-1. Codes without a 639-1 form stay 639-3. */
const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl', pol: 'pl', ron: 'ro',
  tur: 'tr', ces: 'cs', hun: 'hu', swe: 'sv', hrv: 'hr', bos: 'bs', srp: 'sr', ind: 'id', zlm: 'ms',
  vie: 'vi', jav: 'jv', sun: 'su', swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', tgl: 'tl', som: 'so',
  zul: 'zu', kin: 'rw', run: 'rn', lin: 'ln', nya: 'ny', plt: 'mg', uzn: 'uz', azj: 'az', ckb: 'ku',
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur', pes: 'fa', pbu: 'ps',
  hin: 'hi', mar: 'mr', npi: 'ne', cmn: 'zh', jpn: 'ja', kor: 'ko', ben: 'bn', tel: 'te', tam: 'ta',
  guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa', amh: 'am', tha: 'th', sin: 'si', ell: 'el',
  heb: 'he', fuv: 'ff', ceb: 'ceb', ilo: 'ilo',
};

const ISO1 = new Set(Object.values(ISO3_TO_1));
const SHORT_TEXT = 80;
/** franc scores are 1 for the best language and fall towards 0; a hint within this much of the best wins. */
const HINT_MARGIN = 0.05;
/** franc itself looks at no more than 2048 characters; fewer keep it fast and are plenty for news prose. */
const SAMPLE = 1200;
/**
 * English function words that are not also common words of other Latin-script
 * languages (so no "a", "in", "is", "on", "was", "will", "at", "her"). They make
 * up a quarter of English prose and a few percent of anything else; above this
 * share the text is English without running the trigram models (most of the cost).
 */
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'and', 'to', 'that', 'for', 'with', 'said', 'it', 'by', 'from', 'has', 'have', 'are', 'were', 'this',
  'which', 'who', 'they', 'but', 'not', 'their', 'its', 'had', 'she', 'his', 'be', 'you', 'your', 'we', 'our', 'can', 'or',
]);
const ENGLISH_SHARE = 0.15;
const MIN_WORDS_FOR_SHORTCUT = 15;

function clearlyEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS_FOR_SHORTCUT) return false;
  let hits = 0;
  for (const w of words) if (ENGLISH_FUNCTION_WORDS.has(w)) hits++;
  return hits / words.length >= ENGLISH_SHARE;
}

/** "en-GB", "EN", "eng" → "en"; anything unrecognisable → null. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return ISO3_TO_1[primary] ?? (ISO1.has(primary) ? primary : null);
  return null;
}

export function toIso1(code: string): string | null {
  if (code === 'und') return null;
  return ISO3_TO_1[code] ?? code;
}

/** Detect the language of `text`; `hint` is a declared language tag, if any. */
export function detectLanguage(text: string, hint?: string | null): string | null {
  const declared = normalizeLanguageTag(hint);
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const letters = sample.replace(/[\s\d\p{P}\p{S}]+/gu, '');
  if (letters.length === 0) return declared;
  if (sample.trim().length < SHORT_TEXT) {
    if (/^[\x00-\x7f]*$/.test(sample)) return declared ?? 'en';
  }
  if ((declared === null || declared === 'en') && clearlyEnglish(sample)) return 'en';
  const ranked = francAll(sample, { minLength: 10 });
  const best = ranked[0];
  if (!best || best[0] === 'und') return declared;
  if (declared) {
    const hinted = ranked.find(([code]) => toIso1(code) === declared);
    if (hinted && hinted[1] >= best[1] - HINT_MARGIN) return declared;
  }
  return toIso1(best[0]);
}
