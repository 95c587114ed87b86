import common from '@voc-kit/core/common-strings/fr.js';
import type { CloudStrings } from '../strings.js';

const fr: Partial<CloudStrings> = {
  ...common,
  label: 'Ce que disent les clients',
  'kinds.mixed': 'Mélangé',
  legend: 'Couleurs',
  showList: 'Afficher en liste',
  showCloud: 'Afficher en nuage',
  term: 'Terme',
  total: 'Mentions',
  termLabel: '{term} : {mentions}, surtout {kind}',
  loading: 'Chargement de ce que disent les clients…',
  error: 'Le nuage n’a pas pu être chargé.',
  empty: 'Pas encore d’avis sur cette période.',
  quotesTitle: 'Ce que les clients ont dit de « {term} »',
  noQuotes: 'Aucune citation à afficher.',
  close: 'Fermer',
  topic: 'Sujet : {title}',
  topicStatus: 'État : {status}',
  updated: 'Mis à jour {when}',
  newTerms: 'Nouveau dans le nuage : {terms}',
  shown: 'Termes affichés : {shown} sur {total}',
  'mentions.one': '{count} mention',
  'mentions.other': '{count} mentions',
  termMixed: '{term} : {mentions}, mélangé',
  pause: 'Mettre les citations en pause',
  play: 'Reprendre les citations',
};

export default fr;
