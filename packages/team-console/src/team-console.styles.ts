import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_accent: var(--voc-team-console-accent, var(--_voc-accent));
    background: var(--_voc-surface);
    min-height: 100vh;
  }
  .console {
    padding: calc(var(--_voc-space) * 2);
    display: grid;
    gap: var(--_voc-space);
  }
  h1 {
    font-size: 1.3em;
    margin: 0;
  }
  h2 {
    font-size: 1.1em;
    margin: 0 0 var(--_voc-space);
  }
  .top,
  nav,
  .filters,
  .group,
  .actions,
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_voc-space);
    align-items: center;
  }
  .top .me {
    margin-inline-start: auto;
    color: var(--_voc-muted);
  }
  nav button[aria-current='page'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_voc-surface);
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) / 2) var(--_voc-space);
  }
  button {
    cursor: pointer;
  }
  button.primary {
    background: var(--_voc-accent);
    color: var(--_voc-on-accent);
    border-color: var(--_voc-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_voc-accent);
    outline-offset: 2px;
  }
  label {
    display: inline-flex;
    gap: calc(var(--_voc-space) / 2);
    align-items: center;
    flex-wrap: wrap;
  }
  form.incident label,
  .detail form label,
  fieldset label {
    display: grid;
    margin-block-end: var(--_voc-space);
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .split {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: calc(var(--_voc-space) * 2);
    align-items: start;
  }
  @media (max-width: 50rem) {
    .split {
      grid-template-columns: 1fr;
    }
  }
  ol,
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(var(--_voc-space) / 2) var(--_voc-space);
    padding: var(--_voc-space);
    border-block-end: 1px solid var(--_voc-border);
    border-inline-start: 4px solid transparent;
  }
  /* the current row is marked by its border only: a tint would cost the kind colours their contrast */
  .item.current {
    border-inline-start-color: var(--_accent);
  }
  .item .open {
    text-align: start;
    border: 0;
    background: none;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .item .meta {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_voc-space);
    color: var(--_voc-muted);
    font-size: 0.9em;
  }
  .kind {
    font-weight: 600;
  }
  .compliment .kind,
  .kind.compliment {
    color: var(--_voc-compliment);
  }
  .idea .kind,
  .kind.idea {
    color: var(--_voc-idea);
  }
  .complaint .kind,
  .kind.complaint {
    color: var(--_voc-complaint);
  }
  .terms voc-cloud {
    display: block;
    margin-block-end: calc(var(--_voc-space) / 2);
  }
  .chosen {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_voc-space) / 2);
  }
  .suggestions li {
    margin-block: calc(var(--_voc-space) / 2);
  }
  .muted {
    color: var(--_voc-muted);
    font-weight: normal;
  }
  .story {
    margin: var(--_voc-space) 0;
    padding-inline-start: var(--_voc-space);
    border-inline-start: 3px solid var(--_voc-border);
    white-space: pre-wrap;
  }
  .thread li {
    padding: var(--_voc-space) 0;
    border-block-end: 1px solid var(--_voc-border);
  }
  .thread p {
    margin: 0;
    white-space: pre-wrap;
  }
  .failure {
    color: var(--_voc-danger);
  }
  .live:empty {
    display: none;
  }
  .topic {
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: var(--_voc-space);
    margin-block-end: var(--_voc-space);
  }
  .invite-link output {
    display: block;
    word-break: break-all;
    font-family: monospace;
  }
  dialog {
    color: inherit;
    background: var(--_voc-surface);
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
  }
  .shortcuts {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(var(--_voc-space) / 2) var(--_voc-space);
  }
  .shortcuts dd {
    margin: 0;
  }
  kbd {
    border: 1px solid var(--_voc-border);
    border-radius: 4px;
    padding: 0 4px;
  }
  button.danger {
    border-color: var(--_voc-danger);
    color: var(--_voc-danger);
    font-weight: 600;
  }
  .queue,
  .mails,
  .origins,
  .tokens,
  .webhooks {
    list-style: none;
    padding: 0;
    display: grid;
    gap: calc(var(--_voc-space) / 2);
  }
  .queue li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_voc-space);
    align-items: baseline;
  }
  .mails .open {
    display: grid;
    text-align: start;
    width: 100%;
  }
  .mails .open[aria-current='true'] {
    border-color: var(--_voc-accent);
  }
  pre.mail-text,
  pre.mail-html {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: inherit;
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: var(--_voc-space);
  }
  pre.mail-html {
    font-family: ui-monospace, monospace;
    font-size: 0.85em;
  }
  .erase {
    border: 2px solid var(--_voc-danger);
    border-radius: var(--_voc-radius);
    padding: var(--_voc-space);
    margin-block: var(--_voc-space);
  }
`;
