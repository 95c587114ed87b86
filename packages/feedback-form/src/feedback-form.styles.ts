import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--voc-form-gap, calc(var(--_voc-space) * 2));
    --_bg: var(--voc-form-background, var(--_voc-surface));
    --_button: var(--voc-form-button, var(--_voc-accent));
  }
  .panel {
    display: grid;
    gap: var(--_gap);
    padding: var(--voc-form-padding, calc(var(--_voc-space) * 2));
    background: var(--_bg);
    border: 1px solid var(--voc-form-border, var(--_voc-border));
    border-radius: var(--_voc-radius);
    max-width: var(--voc-form-max-width, 36rem);
  }
  form {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend,
  label.field {
    font-weight: 600;
    margin-block-end: calc(var(--_voc-space) / 2);
    padding: 0;
  }
  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_voc-space);
  }
  .kind {
    --_k: var(--_voc-accent);
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_voc-space) / 2);
    padding: calc(var(--_voc-space) / 2) var(--_voc-space);
    border: 2px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    cursor: pointer;
  }
  .kind.compliment {
    --_k: var(--_voc-compliment);
  }
  .kind.idea {
    --_k: var(--_voc-idea);
  }
  .kind.complaint {
    --_k: var(--_voc-complaint);
  }
  .kind:has(input:checked) {
    border-color: var(--_k);
    font-weight: 600;
  }
  .kind input {
    accent-color: var(--_k);
    margin: 0;
  }
  .kind svg {
    width: 1.25em;
    height: 1.25em;
    color: var(--_k);
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  textarea,
  select,
  input[type='email'] {
    font: inherit;
    color: inherit;
    background: var(--_voc-surface);
    border: 1px solid var(--_voc-border);
    border-radius: calc(var(--_voc-radius) / 2);
    padding: calc(var(--_voc-space) * 0.75);
    width: 100%;
  }
  textarea {
    min-height: 7rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_voc-danger);
  }
  .field-wrap {
    display: grid;
    gap: calc(var(--_voc-space) / 2);
  }
  .count,
  .hint {
    color: var(--_voc-muted);
    font-size: 0.875em;
  }
  .count.over {
    color: var(--_voc-danger);
    font-weight: 600;
  }
  .consent {
    display: flex;
    gap: var(--_voc-space);
    align-items: flex-start;
  }
  .invalid,
  .alert:not(:empty) {
    color: var(--_voc-danger);
    font-size: 0.875em;
    margin: 0;
  }
  .alert:not(:empty) {
    font-size: 1em;
    padding: var(--_voc-space);
    border-inline-start: 4px solid var(--_voc-danger);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) * 0.75) calc(var(--_voc-space) * 2);
    border: 1px solid var(--_voc-border);
    background: var(--_voc-surface);
    color: inherit;
  }
  button.primary {
    background: var(--_button);
    border-color: var(--_button);
    color: var(--_voc-on-accent);
    justify-self: start;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  h2 {
    font-size: 1.25em;
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  blockquote {
    margin: 0;
    padding-inline-start: var(--_voc-space);
    border-inline-start: 3px solid var(--_voc-border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 8rem;
    overflow: auto;
  }
  a {
    color: var(--_voc-accent);
  }
  .launcher {
    position: fixed;
    inset-block-end: var(--voc-form-launcher-offset, 1rem);
    inset-inline-end: var(--voc-form-launcher-offset, 1rem);
    z-index: 2147483000;
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_voc-space) / 2);
    background: var(--_button);
    border-color: var(--_button);
    color: var(--_voc-on-accent);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
  dialog {
    padding: 0;
    border: 0;
    background: transparent;
    color: inherit;
    width: min(36rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog .panel {
    max-width: none;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_voc-space);
  }
  .close {
    padding: calc(var(--_voc-space) / 2) var(--_voc-space);
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: voc-in 0.15s ease-out;
    }
    @keyframes voc-in {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
  }
`;
