import status from '../status-strings/fr.js';
import type { CommonStrings } from '../common-strings.js';

const fr: CommonStrings = {
  ...status,
  'kinds.compliment': 'Compliments',
  'kinds.idea': 'Idées',
  'kinds.complaint': 'Réclamations',
  retry: 'Réessayer',
  offline: 'Mises à jour en direct interrompues ; reconnexion…',
};

export default fr;
