import common from '@voc-kit/core/common-strings/es.js';
import type { CloudStrings } from '../strings.js';

const es: Partial<CloudStrings> = {
  ...common,
  label: 'Lo que dicen los clientes',
  'kinds.mixed': 'Mixto',
  legend: 'Colores',
  showList: 'Ver como lista',
  showCloud: 'Ver como nube',
  term: 'Término',
  total: 'Menciones',
  termLabel: '{term}: {mentions}, sobre todo {kind}',
  loading: 'Cargando lo que dicen los clientes…',
  error: 'No se pudo cargar la nube.',
  empty: 'Todavía no hay opiniones en este periodo.',
  quotesTitle: 'Lo que dijeron los clientes sobre «{term}»',
  noQuotes: 'No hay citas que mostrar.',
  close: 'Cerrar',
  topic: 'Tema: {title}',
  topicStatus: 'Estado: {status}',
  updated: 'Actualizado {when}',
  newTerms: 'Nuevo en la nube: {terms}',
  shown: 'Términos mostrados: {shown} de {total}',
  'mentions.one': '{count} mención',
  'mentions.other': '{count} menciones',
  termMixed: '{term}: {mentions}, mixto',
  pause: 'Pausar las citas',
  play: 'Reanudar las citas',
};

export default es;
