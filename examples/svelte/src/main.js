// Café Aurora in Svelte 5: the VoC Kit elements are plain custom elements, so Svelte renders them like any tag.
import { mount } from 'svelte';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
