import '@voc-kit/core/defaults.js';
import type { VocEvent } from '@voc-kit/core/element.js';
import { VocCloud, type CloudErrorDetail, type TermSelectDetail } from './cloud.js';

VocCloud.define('voc-cloud');

declare global {
  interface HTMLElementTagNameMap {
    'voc-cloud': VocCloud;
  }
  interface GlobalEventHandlersEventMap {
    'voc-term-select': VocEvent<TermSelectDetail>;
  }
}

export type { CloudErrorDetail };
