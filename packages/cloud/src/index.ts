export { VocCloud, dominantKind, type TermSelectDetail, type CloudErrorDetail } from './cloud.js';
export { strings, loaders, type CloudStrings } from './strings.js';
export {
  CloudLayout,
  approximateMeasure,
  fontSizes,
  random,
  type LayoutOptions,
  type LayoutWord,
  type Measure,
  type PlacedWord,
  type TextExtents,
} from './layout/layout.js';
