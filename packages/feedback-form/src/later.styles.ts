import { css } from 'lit';

/**
 * The form's styles for what only the sending machinery shows (field errors, the sending state, the thank-you
 * panel, the launcher's dialog): added to the shadow root when the machinery arrives.
 */
export const laterStyles = css`
  .invalid {
    color: var(--_voc-danger);
    font-weight: 600;
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_voc-danger);
  }
  [aria-disabled='true'] {
    cursor: progress;
  }
  h2 {
    font-size: 1.25em;
    margin: 0;
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
  dialog {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    width: min(36rem, 100vw - 2rem);
  }
  dialog::backdrop {
    background: #0006;
  }
  dialog .panel {
    max-width: none;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }
`;
