import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--voc-cloud-gap, var(--_voc-space));
    --_term-weight: var(--voc-cloud-term-weight, 600);
    background: var(--voc-cloud-background, var(--_voc-surface));
    border-radius: var(--_voc-radius);
  }
  :host([wall]) {
    position: fixed;
    inset: 0;
    z-index: 2147483000;
    display: flex;
    flex-direction: column;
    padding: 2vmin 3vmin;
    font-size: clamp(1rem, 2.2vmin, 2.5rem);
    border-radius: 0;
  }
  .root {
    display: contents;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_gap);
    margin-block-end: var(--_gap);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) * 2);
    font-size: 0.875em;
    color: var(--_voc-muted);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .swatch {
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    background: currentColor;
  }
  /* A kind is never its colour alone: each has its own line under the word, in the cloud, the table and the legend
     (compliments none, ideas dotted, complaints wavy, mixed double), which survives forced colours and colour blindness. */
  [data-kind='compliment'] {
    color: var(--_voc-compliment);
  }
  [data-kind='idea'] {
    color: var(--_voc-idea);
    --_line: underline;
    --_style: dotted;
  }
  [data-kind='complaint'] {
    color: var(--_voc-complaint);
    --_line: underline;
    --_style: wavy;
  }
  [data-kind='mixed'] {
    color: var(--_voc-mixed);
    --_line: underline;
    --_style: double;
  }
  :host([color-mode='mix']) .legend [data-kind='mixed'] .swatch {
    background: conic-gradient(var(--_voc-compliment) 0 33%, var(--_voc-idea) 0 66%, var(--_voc-complaint) 0);
  }
  .legend .name {
    color: var(--_voc-text);
  }
  .term,
  .legend .name {
    text-decoration-line: var(--_line, none);
    text-decoration-style: var(--_style, solid);
    text-decoration-thickness: 0.08em;
    text-underline-offset: 0.18em;
    text-decoration-skip-ink: none;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  /* the cloud's buttons; the quotes' close and the wall's pause (lazy parts) take the class "button" */
  .toggle,
  .retry,
  .button {
    padding: 0.3em 0.8em;
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
    background: transparent;
    color: var(--_voc-text);
    font-size: 0.875em;
  }
  .cloud {
    position: relative;
    width: 100%;
    aspect-ratio: var(--voc-cloud-aspect, 3 / 2);
    container-type: inline-size;
    overflow: hidden;
  }
  .cloud-wrap {
    position: relative;
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .shown {
    position: absolute;
    inset-block-end: 0;
    inset-inline-end: 0;
    margin: 0;
  }
  :host([wall]) .cloud-wrap {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  :host([wall]) .cloud {
    flex: 1;
    aspect-ratio: auto;
    min-height: 0;
  }
  .cloud li {
    position: absolute;
    /* --_dy centres the word's ink (not its line box) on the place the layout found */
    transform: translate(-50%, -50%) translateY(var(--_dy, 0em));
    transition:
      left 0.6s ease,
      top 0.6s ease,
      font-size 0.6s ease;
  }
  .cloud li.up {
    transform: translate(-50%, -50%) rotate(-90deg) translateY(var(--_dy, 0em));
  }
  .cloud li.new {
    animation: enter 1.2s ease both;
  }
  @keyframes enter {
    from {
      opacity: 0;
    }
  }
  /* the terms' font; the probe (below) measures it */
  .term,
  :host > .probe {
    font-family: var(--_voc-font);
    font-size: inherit;
    font-weight: var(--_term-weight);
  }
  .term {
    display: block;
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    line-height: 1.15;
    white-space: nowrap;
    color: inherit;
    border-radius: 0.15em;
  }
  .cloud .term {
    line-height: 1;
    /* the page's text spacing (WCAG 1.4.12), in em of each term, as the layout measured it (see text-metrics.ts) */
    letter-spacing: var(--_letter-spacing, normal);
    word-spacing: var(--_word-spacing, normal);
  }
  /* The probe the cloud watches for text-metric changes: the terms' font and the spacing the page gives this
     element (its own --voc-letter-spacing / --voc-word-spacing, else what the page sets on the element, e.g. a
     text-spacing tool's * rule). Out of sight, out of the flow, no overflow. */
  :host > .probe {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    pointer-events: none;
    letter-spacing: var(--voc-letter-spacing, inherit);
    word-spacing: var(--voc-word-spacing, inherit);
  }
  .probe span {
    display: inline-block; /* a ResizeObserver sees no size of an inline box */
    white-space: nowrap;
  }
  .term:hover {
    --_line: underline;
    text-decoration-thickness: 0.14em;
  }
  :host([wall]) .term {
    cursor: default;
  }
  .state {
    padding: calc(var(--_gap) * 2);
    color: var(--_voc-muted);
    text-align: center;
  }
  .state.error {
    color: var(--_voc-danger);
  }
  .quote-meta {
    font-size: 0.85em;
    color: var(--_voc-muted);
  }
  .live {
    font-size: 0.8em;
    color: var(--_voc-muted);
  }
  @media (forced-colors: active) {
    /* system colours; the lines under the words carry the kinds, the swatches (background colours) would vanish */
    .swatch {
      display: none;
    }
    .term {
      color: ButtonText;
    }
    .term[aria-expanded='true'],
    .term:hover {
      color: Highlight;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .cloud li {
      transition: none;
    }
    .cloud li.new {
      animation: none;
    }
  }
`;
