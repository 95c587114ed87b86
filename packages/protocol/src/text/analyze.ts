/**
 * Text analysis for the cloud: the same pure functions run in the browser (local adapter) and the server.
 * Words come from Intl.Segmenter (so languages without spaces work), folded to NFKC lower case; stop words
 * per language (stopwords-iso), English plurals folded, recurring two-word phrases kept as one term.
 */
import type { CloudTerm, Kind } from '../model.js';
import { byCount, mergePhrases, showsTerm } from './phrases.js';
import { PROFANITY } from './profanity.js';
import { STOP_WORDS } from './stopwords.js';

export interface AnalyzeOptions {
  /** BCP 47 tag of the text; picks the segmenter, the stop words and the plural rules. */
  locale?: string;
  /** Shortest word kept, in code points, for languages written with spaces (default 3). */
  minLength?: number;
  /**
   * What to do with profane words: `keep` (default), `mask` (first letter and asterisks, e.g. `s***`)
   * or `drop`.
   */
  profanity?: 'keep' | 'mask' | 'drop';
  /** More words to leave out, folded like the text (e.g. the company's own name). */
  extraStopWords?: Iterable<string>;
}

const lists = new Map<string, Set<string>>();
function wordSet(table: Record<string, string>, prefix: string, lang: string): Set<string> {
  const key = prefix + lang;
  let set = lists.get(key);
  if (!set) {
    set = new Set(table[lang] ? table[lang].split('|') : []);
    lists.set(key, set);
  }
  return set;
}

// Contractions people type without the apostrophe, and feedback filler the ISO list does not have.
const EXTRA_EN = 'dont cant wont isnt doesnt didnt wasnt arent im ive youre thats theres really very much got also'.split(' ');

/** The language part of a BCP 47 tag: `de-CH` → `de`. */
export function languageOf(locale: string | undefined): string {
  return (locale ?? 'en').toLowerCase().split(/[-_]/)[0] || 'en';
}

/** The stop words of a language (empty for a language without a list). */
export function stopWords(locale: string): ReadonlySet<string> {
  const lang = languageOf(locale);
  const set = wordSet(STOP_WORDS, 's:', lang);
  if (lang === 'en' && !set.has('dont')) for (const w of EXTRA_EN) set.add(w);
  return set;
}

/** True when `word` (folded) is on the profanity list of its language or of English. */
export function isProfane(word: string, locale = 'en'): boolean {
  const lang = languageOf(locale);
  return wordSet(PROFANITY, 'p:', lang).has(word) || (lang !== 'en' && wordSet(PROFANITY, 'p:', 'en').has(word));
}

/** `shit` → `s***`: keeps the first character so the cloud still shows that something was said. */
export function mask(word: string): string {
  const chars = [...word];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/**
 * The text as written, with each profane word masked (`This shit` → `This s***`): for showing what a customer
 * wrote without repeating the profanity. Everything else (spacing, punctuation, case) stays as it was.
 */
export function maskProfanity(text: string, locale = 'en'): string {
  let out = '';
  for (const part of segmenter(locale).segment(text)) {
    const word = part.segment.normalize('NFKC').toLocaleLowerCase(locale).replace(APOSTROPHES, "'");
    out += part.isWordLike && isProfane(word, locale) ? mask(part.segment) : part.segment;
  }
  return out;
}

// Words ending in -s that are not plurals (or whose singular reads wrong in a cloud).
const NOT_PLURAL = new Set(
  `news series species always perhaps status bus bonus campus virus analysis basis crisis thesis yes this thus plus gas
  canvas atlas alias bias lens physics mathematics economics politics ethics means process access address business less
  unless across chaos iris tennis various previous famous serious nervous obvious anxious delicious generous gorgeous
  dangerous ridiculous tedious curious glorious numerous enormous was has does is its his hers ours yours theirs
  whereas christmas kudos sales thanks`.split(/\s+/),
);
// Nouns ending in -ie, whose plural is not -y + ies (movies, not "movy").
const IE_NOUNS = new Set(
  'movie cookie calorie zombie selfie freebie rookie brownie hoodie goalie genie prairie sortie lingerie smoothie'.split(' '),
);
// Plurals that add -es to a final o (most, like shoes and photos, add only -s).
const O_ES = new Set('heroes potatoes tomatoes echoes vetoes torpedoes mosquitoes embargoes'.split(' '));
const IRREGULAR: Record<string, string> = {
  people: 'person',
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  leaves: 'leaf',
  shelves: 'shelf',
  halves: 'half',
  data: 'data',
  criteria: 'criterion',
};

/**
 * The singular of an English plural (`deliveries` → `delivery`, `boxes` → `box`, `orders` → `order`);
 * other words unchanged. Light rules with exceptions, not a dictionary: good enough to merge a cloud's terms.
 */
export function singular(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length < 4 || !word.endsWith('s') || NOT_PLURAL.has(word)) return word;
  if (/(ss|us|is|ous)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return IE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : word.slice(0, -3) + 'y';
  if (/(sses|xes|zzes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (O_ES.has(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const APOSTROPHES = /[\u2019\u02bc\uff07]/g;
const ARABIC_MARKS = /\u0640|\p{Mn}/gu;

/** One kept word, and whether it directly follows the previous kept word (nothing but spaces between). */
interface Token {
  word: string;
  joined: boolean;
}

function tokens(text: string, options: AnalyzeOptions): Token[] {
  const locale = options.locale || 'en';
  const lang = languageOf(locale);
  const min = options.minLength ?? 3;
  const stop = stopWords(locale);
  const extra = options.extraStopWords
    ? new Set([...options.extraStopWords].map((w) => w.normalize('NFKC').toLocaleLowerCase(locale)))
    : undefined;
  const profanity = options.profanity ?? 'keep';
  const out: Token[] = [];
  let joined = false;
  for (const part of segmenter(locale).segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) {
      // only spaces keep two words together as a phrase; punctuation ends it
      if (!/^[\p{Zs}\t]+$/u.test(part.segment)) joined = false;
      continue;
    }
    let word = part.segment.toLocaleLowerCase(locale).replace(APOSTROPHES, "'");
    // Arabic: short-vowel marks and the stretching tatweel are optional in writing; fold them away
    if (lang === 'ar') word = word.replace(ARABIC_MARKS, '');
    const keep =
      !/^[\p{N}\p{P}]+$/u.test(word) &&
      !stop.has(word) &&
      !extra?.has(word) &&
      (SPACELESS.test(word) || [...word].length >= min) &&
      !(profanity === 'drop' && isProfane(word, locale));
    if (!keep) {
      joined = false;
      continue;
    }
    if (lang === 'en') word = singular(word);
    if (profanity === 'mask' && isProfane(word, locale)) word = mask(word);
    out.push({ word, joined });
    joined = true;
  }
  return out;
}

/** The words of a text, folded, in order (stop words, numbers and too-short words removed). */
export function words(text: string, options: AnalyzeOptions = {}): string[] {
  return tokens(text, options).map((t) => t.word);
}

/**
 * The distinct terms of one feedback text: its words, and two-word phrases of words that stand next to each
 * other in the text ("late delivery"; not across punctuation or a removed stop word). Whether a phrase
 * recurs enough to show is decided when counting (`countTerms`).
 */
export function terms(text: string, options: AnalyzeOptions = {}): string[] {
  const list = tokens(text, options);
  const out = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    out.add(list[i].word);
    if (list[i].joined && list[i - 1].word !== list[i].word) out.add(`${list[i - 1].word} ${list[i].word}`);
  }
  return [...out];
}

export interface CountOptions {
  /** A phrase becomes a term only when this many items use it (default 2). */
  minPhraseCount?: number;
  /** At most this many terms, most frequent first. */
  limit?: number;
  /** Leave out words that a recurring phrase already says (see `mergePhrases`); default false. */
  merge?: boolean;
}

/**
 * Counts per term per kind from items whose terms are already known (as stored by `terms()`), most frequent
 * first, ties alphabetical. A phrase that recurs is kept as one term.
 */
export function countTerms(items: Iterable<{ kind: Kind; terms: readonly string[] }>, options: CountOptions = {}): CloudTerm[] {
  const minPhrase = options.minPhraseCount ?? 2;
  const counts = new Map<string, Record<Kind, number>>();
  for (const item of items) {
    for (const term of item.terms) {
      let c = counts.get(term);
      if (!c) counts.set(term, (c = { compliment: 0, idea: 0, complaint: 0 }));
      c[item.kind]++;
    }
  }
  const list: CloudTerm[] = [];
  for (const [term, c] of counts) {
    const total = c.compliment + c.idea + c.complaint;
    if (showsTerm(term, total, minPhrase)) list.push({ term, counts: c, total });
  }
  list.sort(byCount);
  const merged = options.merge ? mergePhrases(list, minPhrase) : list;
  return options.limit === undefined ? merged : merged.slice(0, options.limit);
}
