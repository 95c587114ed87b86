import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--voc-pulse-gap, calc(var(--_voc-space) * 2));
    --_grid: var(--voc-pulse-grid, var(--_voc-border));
    font-variant-numeric: tabular-nums;
    background: var(--voc-pulse-background, var(--_voc-surface));
  }
  .base {
    display: grid;
    gap: var(--_gap);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_voc-space);
  }
  .h2 {
    font-weight: bold;
    font-size: 1.25em;
  }
  .h3 {
    font-weight: bold;
    font-size: 1.05em;
    margin-block-end: var(--_voc-space);
  }
  p,
  dl,
  dd,
  ol {
    margin: 0;
  }
  button,
  summary {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .windows {
    display: inline-flex;
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    overflow: hidden;
  }
  .windows button {
    background: var(--_voc-surface);
    border: 0;
    padding: calc(var(--_voc-space) / 2) var(--_voc-space);
  }
  .windows button + button {
    border-inline-start: 1px solid var(--_voc-border);
  }
  .windows button[aria-pressed='true'] {
    background: var(--_voc-accent);
    color: var(--_voc-on-accent);
  }
  /* one line reserved for loading, error and offline notes, so the blocks below never move */
  .state {
    min-height: 1.45em;
    color: var(--_voc-muted);
  }
  .error {
    color: var(--_voc-danger);
  }
  .state button {
    background: none;
    border: 1px solid currentColor;
    border-radius: var(--_voc-radius);
  }
  .blocks {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    gap: var(--_gap);
    align-items: start;
  }
  .blocks.loading .block > :not(.h3) {
    visibility: hidden;
  }
  .block {
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    padding: calc(var(--_voc-space) * 2);
    min-width: 0;
    break-inside: avoid;
  }
  .volume,
  .hours {
    grid-column: 1 / -1;
  }
  .summary,
  .axis,
  .max,
  .count,
  .update,
  .expected {
    color: var(--_voc-muted);
    font-size: 0.9em;
  }
  .chart,
  .heat {
    margin-block: var(--_voc-space);
  }
  svg {
    display: block;
    width: 100%;
    height: auto;
  }
  .defs {
    position: absolute;
    width: 0;
    height: 0;
  }
  /* time runs from the start of the line: right to left in Arabic */
  [dir='rtl'] .chart svg,
  [dir='rtl'] .heat svg {
    transform: scaleX(-1);
  }
  .axis {
    display: flex;
    justify-content: space-between;
    min-height: 1.45em;
  }
  /* two lines reserved for each summary, so a longer one arriving live moves nothing */
  .summary {
    min-height: calc(2 * 1.45em);
  }
  .grid {
    stroke: var(--_grid);
  }
  .compliment {
    fill: var(--_voc-compliment);
  }
  .idea-fill {
    fill: var(--_voc-idea);
  }
  .complaint-fill {
    fill: var(--_voc-complaint);
  }
  .mark {
    fill: var(--voc-pulse-pattern, var(--_voc-surface));
    opacity: 0.6;
  }
  .heat {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--_voc-space);
  }
  .weekdays {
    display: grid;
    grid-template-rows: repeat(7, 1fr);
    font-size: 0.75em;
    align-items: center;
  }
  .heat .axis {
    grid-column: 2;
  }
  .cell {
    fill: var(--voc-pulse-heat, var(--_voc-accent));
    stroke: var(--_grid);
    stroke-width: 0.5;
  }
  .swatch {
    display: inline-block;
    width: 1em;
    height: 1em;
    vertical-align: -0.15em;
    margin-inline-end: 0.4em;
    border-radius: 2px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    padding: 0.2em 0.5em;
    text-align: end;
    border-block-end: 1px solid var(--_voc-border);
  }
  th[scope='row'] {
    text-align: start;
    font-weight: normal;
  }
  thead th {
    font-size: 0.85em;
    color: var(--_voc-muted);
  }
  details {
    margin-block-start: var(--_voc-space);
  }
  summary {
    color: var(--_voc-accent);
  }
  .figures,
  ol {
    display: grid;
    gap: var(--_voc-space);
  }
  .figures div {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_voc-space);
  }
  dd {
    font-size: 1.5em;
    font-weight: bold;
  }
  dd.open {
    color: var(--_voc-complaint);
  }
  /* room for five topics, so a topic arriving live does not push the page */
  .list {
    min-height: calc(5 * 4.6em + 4 * var(--_voc-space));
  }
  ol {
    padding: 0;
    list-style: none;
  }
  li {
    height: 4.6em;
    overflow: hidden;
  }
  .topic {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_voc-space);
    align-items: baseline;
  }
  .title {
    font-weight: bold;
    overflow-wrap: anywhere;
  }
  .update {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 1;
    overflow: hidden;
  }
  .badge {
    font-size: 0.8em;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5em;
  }
  @media print {
    .windows,
    summary,
    .state {
      display: none;
    }
    .block {
      border-color: #888;
    }
    svg {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;
