import status from '../status-strings/ar.js';
import type { CommonStrings } from '../common-strings.js';

const ar: CommonStrings = {
  ...status,
  'kinds.compliment': 'إشادات',
  'kinds.idea': 'أفكار',
  'kinds.complaint': 'شكاوى',
  retry: 'أعد المحاولة',
  offline: 'التحديثات المباشرة متوقفة؛ جارٍ إعادة الاتصال…',
};

export default ar;
