/**
 * Text analysis for the cloud: the same pure functions run in the browser (local adapter) and the server.
 * Words come from Intl.Segmenter (so languages without spaces work), folded to NFKC lower case.
 */

export interface AnalyzeOptions {
  /** BCP 47 tag of the text; picks the segmenter and the stop words. */
  locale?: string;
  /** Shortest word kept, in code points, for languages written with spaces. */
  minLength?: number;
}

// A small built-in list until a full per-language list is plugged in; enough to keep "the" out of the cloud.
const STOP_EN = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by can
  could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is
  it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some
  such than that the their theirs them then there these they this those through to too under until up very was we were what when
  where which while who whom why will with would you your yours also really very much get got im ive dont cant its thats`.split(/\s+/),
);

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

/** The words of a text, folded, in order (stop words and too-short words removed). */
export function words(text: string, options: AnalyzeOptions = {}): string[] {
  const locale = options.locale ?? 'en';
  const min = options.minLength ?? 3;
  const out: string[] = [];
  for (const part of segmenter(locale).segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) continue;
    const word = part.segment.toLocaleLowerCase(locale);
    if (/^\d+$/.test(word) || STOP_EN.has(word)) continue;
    if (!SPACELESS.test(word) && [...word].length < min) continue;
    out.push(word);
  }
  return out;
}

/** The distinct terms of one feedback text: words, and two-word phrases of adjacent kept words. */
export function terms(text: string, options: AnalyzeOptions = {}): string[] {
  const list = words(text, options);
  const out = new Set(list);
  for (let i = 1; i < list.length; i++) out.add(`${list[i - 1]} ${list[i]}`);
  return [...out];
}
