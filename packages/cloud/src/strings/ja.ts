import common from '@voc-kit/core/common-strings/ja.js';
import type { CloudStrings } from '../strings.js';

const ja: Partial<CloudStrings> = {
  ...common,
  label: 'お客様の声',
  'kinds.mixed': '混在',
  legend: '色の意味',
  showList: 'リストで表示',
  showCloud: 'クラウドで表示',
  term: '語句',
  total: '件数',
  termLabel: '{term}：{mentions}、主に{kind}',
  loading: 'お客様の声を読み込んでいます…',
  error: 'クラウドを読み込めませんでした。',
  empty: 'この期間のフィードバックはまだありません。',
  quotesTitle: '「{term}」についてのお客様の声',
  noQuotes: '表示できる声はありません。',
  close: '閉じる',
  topic: 'トピック：{title}',
  topicStatus: '状況：{status}',
  updated: '{when}に更新',
  newTerms: 'クラウドに追加：{terms}',
  shown: '{total}語中{shown}語を表示',
  'mentions.other': '{count}件',
  termMixed: '{term}：{mentions}、混在',
  pause: '引用を一時停止',
  play: '引用を再開',
};

export default ja;
