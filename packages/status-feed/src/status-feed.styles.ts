import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--voc-status-feed-gap, calc(var(--_voc-space) * 2));
    --_item-bg: var(--voc-status-feed-item-background, var(--_voc-surface));
  }
  .base {
    display: grid;
    gap: var(--_gap);
  }
  .h2 {
    font-weight: bold;
    font-size: 1.25em;
    margin: 0 0 var(--_voc-space);
  }
  .h3 {
    font-weight: bold;
    font-size: 1.05em;
    margin: 0;
  }
  p {
    margin: 0;
  }
  ol,
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .items {
    display: grid;
    gap: var(--_gap);
  }
  .placeholder {
    box-sizing: border-box;
    height: var(--voc-status-feed-placeholder-height, 6rem);
    opacity: 0.5;
  }
  .item,
  .thread {
    background: var(--_item-bg);
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) * 2);
  }
  article {
    display: grid;
    gap: var(--_voc-space);
  }
  header,
  footer,
  .filters,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_voc-space);
  }
  header {
    justify-content: space-between;
  }
  .filters {
    margin-bottom: var(--_gap);
  }
  label {
    display: inline-flex;
    gap: calc(var(--_voc-space) / 2);
    align-items: center;
  }
  .text {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .meta,
  .muted {
    color: var(--_voc-muted);
    font-size: 0.9em;
  }
  .badge {
    font-size: 0.85em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    color: var(--_voc-muted);
    white-space: nowrap;
  }
  .badge[data-status='done'],
  .badge[data-status='resolved'] {
    color: var(--_voc-compliment);
  }
  .badge[data-status='planned'],
  .badge[data-status='in-progress'],
  .badge[data-status='identified'],
  .badge[data-status='monitoring'],
  .badge[data-status='announcement'] {
    color: var(--_voc-accent);
  }
  .badge[data-status='investigating'],
  .badge[data-status='declined'] {
    color: var(--_voc-complaint);
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_voc-space) / 2);
    font-size: 0.85em;
  }
  .steps li {
    padding: 0.1em 0.5em;
    border-radius: var(--_voc-radius);
    border: 1px dashed var(--_voc-border);
    color: var(--_voc-muted);
  }
  .steps .past {
    border-style: solid;
    color: var(--_voc-text);
  }
  .steps .now {
    border: 1px solid var(--_voc-accent);
    background: var(--_voc-accent);
    color: var(--_voc-on-accent);
    font-weight: 600;
  }
  .timeline {
    display: grid;
    gap: var(--_voc-space);
    border-inline-start: 2px solid var(--_voc-border);
    padding-inline-start: calc(var(--_voc-space) * 1.5);
  }
  summary {
    cursor: pointer;
    color: var(--_voc-muted);
    font-size: 0.9em;
  }
  details > :not(summary) {
    margin-top: var(--_voc-space);
  }
  .error:empty {
    display: none;
  }
  .error {
    color: var(--_voc-danger);
  }
  button {
    font: inherit;
    color: var(--_voc-text);
    background: transparent;
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) / 2) calc(var(--_voc-space) * 1.5);
    cursor: pointer;
  }
  button.primary {
    background: var(--_voc-accent);
    border-color: var(--_voc-accent);
    color: var(--_voc-on-accent);
  }
  button.more {
    justify-self: start;
    margin-top: var(--_gap);
  }
  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_voc-surface);
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) / 2);
  }
  .following {
    color: var(--_voc-compliment);
  }
`;
