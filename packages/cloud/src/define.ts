import '@voc-kit/core/defaults.js';
import { VocCloud, type CloudErrorDetail, type TermSelectDetail } from './cloud.js';

VocCloud.define('voc-cloud');

declare global {
  interface HTMLElementTagNameMap {
    'voc-cloud': VocCloud;
  }
  interface GlobalEventHandlersEventMap {
    'voc-term-select': CustomEvent<TermSelectDetail>;
  }
}

export type { CloudErrorDetail };
