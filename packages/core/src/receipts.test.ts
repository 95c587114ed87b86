import { expect } from '@open-wc/testing';
import { forgetReceipt, receiptLink, rememberReceipt, rememberedReceipts, takeReceiptFromUrl } from './receipts.js';

const entry = (receipt: string) => ({
  receipt,
  id: `id-${receipt}`,
  site: 'test-site',
  kind: 'idea',
  excerpt: 'x',
  createdAt: new Date().toISOString(),
});

describe('receipts', () => {
  afterEach(() => forgetReceipt('test-site'));

  it('remembers receipts newest first, once each, and forgets them', async () => {
    await rememberReceipt(entry('a'));
    await rememberReceipt(entry('b'));
    await rememberReceipt(entry('a'));
    expect((await rememberedReceipts('test-site')).map((r) => r.receipt)).to.deep.equal(['a', 'b']);
    await forgetReceipt('test-site', 'a');
    expect((await rememberedReceipts('test-site')).map((r) => r.receipt)).to.deep.equal(['b']);
    expect(await rememberedReceipts('other-site')).to.deep.equal([]);
  });

  it('takes the receipt out of the address bar', () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1&voc-receipt=secret123#top`);
    expect(takeReceiptFromUrl()).to.equal('secret123');
    expect(location.search).to.equal('?keep=1');
    expect(location.hash).to.equal('#top');
    expect(takeReceiptFromUrl()).to.equal(undefined);
    history.replaceState(null, '', before);
  });

  it('builds a follow-up link', () => {
    expect(receiptLink('r1', 'https://shop.example/help?x=1#a')).to.equal('https://shop.example/help?x=1&voc-receipt=r1');
  });
});
