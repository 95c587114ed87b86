import status from '../status-strings/ja.js';
import type { CommonStrings } from '../common-strings.js';

const ja: CommonStrings = {
  ...status,
  'kinds.compliment': 'お褒めの言葉',
  'kinds.idea': 'アイデア',
  'kinds.complaint': 'ご不満',
  retry: '再試行',
  offline: 'ライブ更新が停止中です。再接続しています…',
};

export default ja;
