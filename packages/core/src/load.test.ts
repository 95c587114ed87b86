import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { VocElement } from './element.js';
import { Load } from './load.js';

/** An answer the test gives when it wants, as a slow backend would. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Shows what its `Load` is doing, as an element's render() would. */
class TestLoader extends VocElement {
  answers: Array<ReturnType<typeof deferred<string>>> = [];
  signals: AbortSignal[] = [];
  errors: unknown[] = [];
  load = new Load<string, [string]>(
    this,
    (signal, name) => {
      this.signals.push(signal);
      const answer = deferred<string>();
      this.answers.push(answer);
      return answer.promise.then((text) => `${name}: ${text}`);
    },
    (error) => this.errors.push(error),
  );
  /** The DOM of what is on screen now, without waiting for the load. */
  paint() {
    return this.rendered();
  }
  override render() {
    const { status, value } = this.load;
    return litHtml`<p>${status === 'ready' ? value : status}</p>`;
  }
}
TestLoader.define('test-loader');

const shown = (el: TestLoader) => el.shadowRoot!.querySelector('p')!.textContent;

describe('Load', () => {
  it('shows loading, then the answer; updateComplete waits for the answer', async () => {
    const el = await fixture<TestLoader>(html`<test-loader></test-loader>`);
    expect(shown(el)).to.equal('idle');
    const done = el.load.run('feed');
    await el.paint();
    expect(shown(el)).to.equal('loading');
    let settled = false;
    const waiting = el.updateComplete.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).to.equal(false);
    el.answers[0].resolve('3 items');
    await waiting;
    expect(shown(el)).to.equal('feed: 3 items');
    expect(await done).to.equal(true);
  });

  it('a newer run wins: the answer of the run before, arriving late, changes nothing', async () => {
    const el = await fixture<TestLoader>(html`<test-loader></test-loader>`);
    const first = el.load.run('old');
    const second = el.load.run('new');
    expect(el.signals[0].aborted).to.equal(true);
    el.answers[1].resolve('fresh');
    el.answers[0].resolve('stale');
    expect(await first).to.equal(false);
    expect(await second).to.equal(true);
    await el.updateComplete;
    expect(shown(el)).to.equal('new: fresh');
  });

  it('a failure shows the error state and is reported once', async () => {
    const el = await fixture<TestLoader>(html`<test-loader></test-loader>`);
    const done = el.load.run('feed');
    el.answers[0].reject(new Error('offline'));
    expect(await done).to.equal(false);
    await el.updateComplete;
    expect(shown(el)).to.equal('error');
    expect(el.errors.map((e) => (e as Error).message)).to.deep.equal(['offline']);
  });

  it('leaving the page aborts the run, and its answer changes nothing', async () => {
    const el = await fixture<TestLoader>(html`<test-loader></test-loader>`);
    const done = el.load.run('feed');
    el.remove();
    expect(el.signals[0].aborted).to.equal(true);
    el.answers[0].resolve('late');
    expect(await done).to.equal(false);
    expect(el.load.value).to.equal(undefined);
  });
});
