import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/core';
import { LAUNCHER_LABELS } from '@voc-kit/feedback-form/launcher.js';
import { loaders } from '../../feedback-form/src/strings.js';
import { dialogStrings } from '../../feedback-form/src/dialog.js';
import './voc.js';

type Form = HTMLElement & { adapter?: MemoryAdapter; updateComplete?: Promise<unknown> };

const box = (el: Element) => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return { x: r.x, y: r.y, width: r.width, height: r.height, background: s.backgroundColor, color: s.color, radius: s.borderRadius };
};

// The launcher form costs a page only voc.js and a plain button until the customer shows interest.
describe('launcher <voc-feedback-form> through voc.js', () => {
  it('draws its button without loading the form, then opens the dialog on the first click', async () => {
    const el = document.createElement('voc-feedback-form') as Form;
    el.setAttribute('launcher', '');
    el.adapter = new MemoryAdapter();
    document.body.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('button'), 'no early launcher button');
    await expect(el).to.be.accessible();
    const early = el.shadowRoot!.querySelector('button')!;
    expect(early.textContent).to.equal('Feedback');
    expect(early.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(customElements.get('voc-feedback-form')).to.equal(undefined, 'the form loaded before any interest');
    const before = box(early);
    expect(before.width).to.be.greaterThan(40);

    // one real click, in the middle of the button
    await sendMouse({ type: 'click', position: [Math.round(before.x + before.width / 2), Math.round(before.y + before.height / 2)] });
    await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open, 'the first click did not open the dialog', { timeout: 5000 });
    expect(customElements.get('voc-feedback-form')).to.not.equal(undefined);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.contains(el.shadowRoot!.activeElement)).to.equal(true, 'focus is in the dialog');

    // the form's own button is where the early one was, and looks the same
    const after = box(el.shadowRoot!.querySelector('[part=launcher]')!);
    expect(after).to.deep.equal(before);
    el.remove();
  });

  it('names the button as the form does, in every built-in language', async () => {
    expect(LAUNCHER_LABELS.en).to.equal(dialogStrings.launcher);
    for (const [lang, load] of Object.entries(loaders)) expect(LAUNCHER_LABELS[lang], lang).to.equal((await load()).default.launcher);
  });
});
