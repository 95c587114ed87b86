import common from '@voc-kit/core/common-strings/ar.js';
import type { CloudStrings } from '../strings.js';

const ar: Partial<CloudStrings> = {
  ...common,
  label: 'ما يقوله العملاء',
  'kinds.mixed': 'مختلط',
  legend: 'الألوان',
  showList: 'عرض كقائمة',
  showCloud: 'عرض كسحابة',
  term: 'العبارة',
  total: 'الإشارات',
  termLabel: '{term}: {mentions}، معظمها {kind}',
  loading: 'جارٍ تحميل ما يقوله العملاء…',
  error: 'تعذّر تحميل السحابة.',
  empty: 'لا توجد ملاحظات في هذه الفترة بعد.',
  quotesTitle: 'ما قاله العملاء عن «{term}»',
  noQuotes: 'لا توجد اقتباسات لعرضها.',
  close: 'إغلاق',
  topic: 'الموضوع: {title}',
  topicStatus: 'الحالة: {status}',
  updated: 'حُدّث {when}',
  newTerms: 'جديد في السحابة: {terms}',
  shown: 'العبارات المعروضة: {shown} من {total}',
  'mentions.zero': 'لا إشارات',
  'mentions.one': 'إشارة واحدة',
  'mentions.two': 'إشارتان',
  'mentions.few': '{count} إشارات',
  'mentions.many': '{count} إشارةً',
  'mentions.other': '{count} إشارة',
  termMixed: '{term}: {mentions}، مختلط',
  pause: 'إيقاف الاقتباسات مؤقتًا',
  play: 'استئناف الاقتباسات',
};

export default ar;
