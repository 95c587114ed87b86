import status from '../status-strings/es.js';
import type { CommonStrings } from '../common-strings.js';

const es: CommonStrings = {
  ...status,
  'kinds.compliment': 'Elogios',
  'kinds.idea': 'Ideas',
  'kinds.complaint': 'Quejas',
  retry: 'Reintentar',
  offline: 'Actualizaciones en directo en pausa; reconectando…',
};

export default es;
