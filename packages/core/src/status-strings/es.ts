import type { StatusStrings } from '../status-strings.js';

const es: StatusStrings = {
  'status.heard': 'Escuchado',
  'status.planned': 'Planificado',
  'status.in-progress': 'En curso',
  'status.done': 'Hecho',
  'status.declined': 'Descartado',
  'status.investigating': 'Investigando',
  'status.identified': 'Causa identificada',
  'status.monitoring': 'En observación',
  'status.resolved': 'Resuelta',
};

export default es;
