import type { StatusStrings } from '../status-strings.js';

const de: StatusStrings = {
  'status.heard': 'Gehört',
  'status.planned': 'Geplant',
  'status.in-progress': 'In Arbeit',
  'status.done': 'Erledigt',
  'status.declined': 'Abgelehnt',
  'status.investigating': 'Wird untersucht',
  'status.identified': 'Ursache gefunden',
  'status.monitoring': 'Wird beobachtet',
  'status.resolved': 'Behoben',
};

export default de;
