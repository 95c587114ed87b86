import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '@voc-kit/core';
import { discover, load } from './voc.js';

// The autoloader loads an element's code only when its tag appears, including tags added later.
describe('voc.js autoloader', () => {
  it('defines nothing until a tag appears, then exactly the elements on the page', async () => {
    expect(customElements.get('voc-cloud')).to.equal(undefined);
    expect(customElements.get('voc-status-feed')).to.equal(undefined);
    const cloud = document.createElement('voc-cloud') as HTMLElement & { adapter?: MemoryAdapter };
    cloud.adapter = new MemoryAdapter();
    document.body.append(cloud);
    await customElements.whenDefined('voc-cloud');
    expect(customElements.get('voc-cloud')).to.not.equal(undefined);
    expect(customElements.get('voc-status-feed')).to.equal(undefined);
    cloud.remove();
  });

  it('finds elements in shadow roots it is given, and loads each once', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const feed = document.createElement('voc-status-feed') as HTMLElement & { adapter?: MemoryAdapter };
    feed.adapter = new MemoryAdapter();
    root.append(feed);
    await new Promise((r) => setTimeout(r, 50));
    expect(customElements.get('voc-status-feed')).to.equal(undefined); // the observer cannot see into shadow roots
    discover(root);
    await customElements.whenDefined('voc-status-feed');
    expect(load('voc-status-feed')).to.equal(load('voc-status-feed'));
    host.remove();
  });

  it('gives an element its box before its code arrives, about the height of its first render', async () => {
    const launcher = document.createElement('voc-feedback-form');
    launcher.setAttribute('launcher', '');
    const form = document.createElement('voc-feedback-form');
    document.body.append(launcher, form);
    expect(customElements.get('voc-feedback-form')).to.equal(undefined);
    const reserved = form.getBoundingClientRect().height;
    expect(reserved).to.be.greaterThan(300);
    expect(launcher.getBoundingClientRect().height).to.equal(0); // the launcher is fixed-position: no room taken
    await customElements.whenDefined('voc-feedback-form');
    await (form as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const rendered = form.getBoundingClientRect().height;
    expect(Math.abs(rendered - reserved) / rendered).to.be.lessThan(0.15);
    launcher.remove();
    form.remove();
  });

  it('loads <voc-pulse> when its tag appears', async () => {
    expect(customElements.get('voc-pulse')).to.equal(undefined);
    const pulse = document.createElement('voc-pulse') as HTMLElement & { adapter?: MemoryAdapter };
    pulse.adapter = new MemoryAdapter();
    document.body.append(pulse);
    await customElements.whenDefined('voc-pulse');
    await (pulse as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(pulse.shadowRoot!.querySelectorAll('[part=block]')).to.have.length(6);
    pulse.remove();
  });

  it('rejects unknown tags with a clear message', async () => {
    let message = '';
    await load('voc-nope').catch((e: Error) => (message = e.message));
    expect(message).to.contain('unknown element <voc-nope>');
  });
});
