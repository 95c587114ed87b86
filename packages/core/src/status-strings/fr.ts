import type { StatusStrings } from '../status-strings.js';

const fr: StatusStrings = {
  'status.heard': 'Entendu',
  'status.planned': 'Prévu',
  'status.in-progress': 'En cours',
  'status.done': 'Fait',
  'status.declined': 'Refusé',
  'status.investigating': 'Analyse en cours',
  'status.identified': 'Cause identifiée',
  'status.monitoring': 'Sous surveillance',
  'status.resolved': 'Résolu',
};

export default fr;
