import common from '@voc-kit/core/common-strings/de.js';
import type { CloudStrings } from '../strings.js';

const de: Partial<CloudStrings> = {
  ...common,
  label: 'Was Kundinnen und Kunden sagen',
  'kinds.mixed': 'Gemischt',
  legend: 'Farben',
  showList: 'Als Liste zeigen',
  showCloud: 'Als Wolke zeigen',
  term: 'Begriff',
  total: 'Nennungen',
  termLabel: '{term}: {mentions}, meist {kind}',
  loading: 'Lade, was Kundinnen und Kunden sagen …',
  error: 'Die Wolke konnte nicht geladen werden.',
  empty: 'In diesem Zeitraum gibt es noch kein Feedback.',
  quotesTitle: 'Was zu „{term}“ gesagt wurde',
  noQuotes: 'Keine Zitate vorhanden.',
  close: 'Schließen',
  topic: 'Thema: {title}',
  topicStatus: 'Stand: {status}',
  updated: 'Aktualisiert {when}',
  newTerms: 'Neu in der Wolke: {terms}',
  shown: 'Gezeigte Begriffe: {shown} von {total}',
  'mentions.one': '{count} Nennung',
  'mentions.other': '{count} Nennungen',
  termMixed: '{term}: {mentions}, gemischt',
  pause: 'Zitate anhalten',
  play: 'Zitate fortsetzen',
};

export default de;
