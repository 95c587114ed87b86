import { update } from 'idb-keyval';
import { RECEIPT_PARAM, receiptStore as receipts } from './receipt-store.js';

// What the form needs (remember a receipt, link to it) is here; reading the remembered ones and taking a receipt from
// the address, which only the status feed does, is in `receipts-kept.ts`, and forgetting one (the feed's thread) in
// `receipt-forget.ts`.
export { RECEIPT_PARAM } from './receipt-store.js';
export { forgetReceipt, rememberedReceipts, takeReceiptFromUrl } from './receipts-kept.js';

/** What this browser remembers of a feedback item the customer sent, so they can follow it without retelling. */
export interface RememberedReceipt {
  receipt: string;
  id: string;
  site: string;
  kind: string;
  /** First characters of the text, to recognise it in a list. */
  excerpt: string;
  createdAt: string;
}

/** Remembers a receipt in this browser (IndexedDB) until the customer forgets it. */
export async function rememberReceipt(entry: RememberedReceipt): Promise<void> {
  await update<RememberedReceipt[]>(entry.site, (list = []) => [entry, ...list.filter((r) => r.receipt !== entry.receipt)], receipts());
}

/** The private follow-up link for a receipt, on `page` (default: this page, without its query). */
export function receiptLink(receipt: string, page?: string): string {
  const url = new URL(page ?? location.href);
  if (!page) url.search = '';
  url.hash = '';
  url.searchParams.set(RECEIPT_PARAM, receipt);
  return url.href;
}
