import status from '../status-strings/de.js';
import type { CommonStrings } from '../common-strings.js';

const de: CommonStrings = {
  ...status,
  'kinds.compliment': 'Lob',
  'kinds.idea': 'Ideen',
  'kinds.complaint': 'Beschwerden',
  retry: 'Erneut versuchen',
  offline: 'Live-Aktualisierung unterbrochen; verbinde neu …',
};

export default de;
