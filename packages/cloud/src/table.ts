// The list view of <voc-cloud>: the same data as a table; loaded when a person first asks for it.
import { css, html, type TemplateResult } from 'lit';
import { KINDS } from '@voc-kit/core';
import { dominantKind, type Host } from './cloud.js';

/** The table's strings in English: they join `strings.en` when the table loads. */
export const en = {
  term: 'Term',
  total: 'Mentions',
};

export const styles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  th,
  td {
    padding: 0.35em 0.5em;
    border-block-end: 1px solid var(--_voc-border);
    text-align: end;
  }
  tr > :first-child {
    text-align: start;
  }
`;

export function render(h: Host): TemplateResult {
  const t = h.i18n.t.bind(h.i18n);
  const n = (v: number) => h.i18n.number(v);
  // rows keep their order while counts change live (most frequent first at load, new terms last), so a row
  // never moves under the reader
  return html`<table part="table">
    <caption class="visually-hidden">
      ${t('label')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('term')}</th>
        ${KINDS.map((k) => html`<th scope="col">${t(`kinds.${k}`)}</th>`)}
        <th scope="col">${t('total')}</th>
      </tr>
    </thead>
    <tbody>
      ${h.terms.map(
        (term) =>
          html`<tr>
            <th scope="row" data-kind=${dominantKind(term.counts)}>${h.termButton(term)}</th>
            ${KINDS.map((k) => html`<td>${n(term.counts[k])}</td>`)}
            <td>${n(term.total)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
