import { html, nothing } from 'lit';
import type { Person } from '@voc-kit/adapter-http/team-client.js';
import type { VocTeamConsole } from '../team-console.js';

function personOf(form: HTMLFormElement): { who: Person; label: string } | undefined {
  const value = (form.elements.namedItem('who') as HTMLInputElement).value.trim();
  const by = (form.elements.namedItem('by') as HTMLSelectElement).value;
  if (!value) return undefined;
  return { who: by === 'receipt' ? { receipt: value } : { email: value }, label: value };
}

/** Export: everything about one person, downloaded as a JSON file (a blob made here, no user data in the address). */
async function exportPerson(c: VocTeamConsole, form: HTMLFormElement) {
  const p = personOf(form);
  if (!p) return;
  const data = await c.guard(() => c.client.exportData(p.who));
  if (!data) return;
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'voc-export.json';
  c.renderRoot.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  c.notice = c.t('exported', { count: data.feedback.length });
}

/** Deletion, step one: what would go (from the export), shown until it is confirmed or cancelled. */
async function preview(c: VocTeamConsole, form: HTMLFormElement) {
  const p = personOf(form);
  if (!p) return;
  const data = await c.guard(() => c.client.exportData(p.who));
  if (!data) return;
  const items = data.feedback.map((f) => {
    const item = (f as { feedback?: { text?: string; kind?: string } }).feedback;
    return item?.text ?? '';
  });
  c.erasing = { who: p.who, label: p.label, items, follows: data.follows.length };
  await c.updateComplete;
  c.renderRoot.querySelector<HTMLElement>('#erase-h')?.focus();
}

async function erase(c: VocTeamConsole) {
  const who = c.erasing?.who;
  if (!who) return;
  const result = await c.guard(() => c.client.deleteData(who));
  if (!result) return;
  c.erasing = undefined;
  c.notice = c.t('erased', { count: result.deleted });
}

export function renderGdpr(c: VocTeamConsole) {
  const e = c.erasing;
  return html`<h2>${c.t('gdpr')}</h2>
    <p>${c.t('gdprHelp')}</p>
    <form
      class="gdpr"
      @submit=${(ev: Event) => {
        ev.preventDefault();
        void exportPerson(c, ev.target as HTMLFormElement);
      }}
    >
      <label
        >${c.t('gdprBy')}
        <select name="by">
          <option value="email">${c.t('contact')}</option>
          <option value="receipt">${c.t('receipt')}</option>
        </select>
      </label>
      <label for="gdpr-who">${c.t('gdprWho')}</label>
      <input id="gdpr-who" name="who" required maxlength="1000" dir="ltr" />
      <button type="submit">${c.t('exportJson')}</button>
      <button type="button" @click=${(ev: Event) => preview(c, (ev.target as HTMLElement).closest('form')!)}>${c.t('deleteStart')}</button>
    </form>
    ${
      e
        ? html`<section class="erase" aria-labelledby="erase-h">
            <h3 id="erase-h" tabindex="-1">${c.t('eraseTitle', { who: e.label })}</h3>
            <p>${c.t('eraseWhat', { count: e.items.length, follows: e.follows })}</p>
            <ul>
              ${e.items.map((text) => html`<li>${c.said(text)}</li>`)}
            </ul>
            <button type="button" class="danger" @click=${() => erase(c)}>${c.t('eraseConfirm', { who: e.label })}</button>
            <button type="button" @click=${() => (c.erasing = undefined)}>${c.t('cancel')}</button>
          </section>`
        : nothing
    }`;
}
