import '@voc-kit/core/defaults.js';
import { VocPulse, type PulseErrorDetail } from './pulse.js';

VocPulse.define('voc-pulse');

declare global {
  interface HTMLElementTagNameMap {
    'voc-pulse': VocPulse;
  }
}

export type { PulseErrorDetail };
