import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--voc-feedback-form-gap, calc(var(--_voc-space) * 2));
    --_button: var(--voc-feedback-form-button, var(--_voc-accent));
  }
  .panel {
    display: grid;
    align-content: start;
    gap: var(--_gap);
    padding: var(--voc-feedback-form-padding, calc(var(--_voc-space) * 2));
    background: var(--voc-feedback-form-background, var(--_voc-surface));
    border: 1px solid var(--voc-feedback-form-border, var(--_voc-border));
    border-radius: var(--_voc-radius);
    max-width: var(--voc-feedback-form-max-width, 36rem);
  }
  form,
  .field {
    display: grid;
    gap: calc(var(--_voc-space) / 2);
  }
  form {
    gap: var(--_gap);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend,
  .field > label:first-child {
    font-weight: 600;
    padding: 0;
  }
  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_voc-space);
    margin-block-start: calc(var(--_voc-space) / 2);
  }
  .kind,
  .consent {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_voc-space) / 2);
  }
  .kind {
    padding: calc(var(--_voc-space) / 2) var(--_voc-space);
    border: 2px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    cursor: pointer;
  }
  .compliment {
    --_k: var(--_voc-compliment);
  }
  .idea {
    --_k: var(--_voc-idea);
  }
  .complaint {
    --_k: var(--_voc-complaint);
  }
  .kind:has(:checked) {
    border-color: var(--_k);
    font-weight: 600;
  }
  .kind input {
    accent-color: var(--_k);
    margin: 0;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    color: var(--_k, currentColor);
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  textarea,
  select,
  [type='email'] {
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
  .count {
    color: var(--_voc-muted);
    font-size: 0.875em;
  }
  .over,
  .alert,
  .invalid {
    color: var(--_voc-danger);
    font-weight: 600;
    margin: 0;
  }
  .alert {
    padding: var(--_voc-space);
    border-inline-start: 4px solid var(--_voc-danger);
  }
  .alert:empty {
    display: none;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) * 0.75) calc(var(--_voc-space) * 2);
    border: 1px solid var(--_voc-border);
    background: var(--_voc-surface);
    color: inherit;
    justify-self: start;
  }
  .primary {
    background: var(--_button);
    border-color: var(--_button);
    color: var(--_voc-on-accent);
  }
`;
