/** The receipts this browser remembers, read, and a receipt taken from the address (the status feed). */
import { get } from 'idb-keyval';
import type { RememberedReceipt } from './receipts.js';
import { RECEIPT_PARAM, receiptStore as receipts } from './receipt-store.js';

/** The receipts this browser remembers for a site, newest first. */
export async function rememberedReceipts(site: string): Promise<RememberedReceipt[]> {
  return (await get<RememberedReceipt[]>(site, receipts())) ?? [];
}

// forgetting one, which only the feed's thread does, loads with the thread (`receipt-forget.ts`)
export { forgetReceipt } from './receipt-forget.js';

/**
 * Reads `?voc-receipt=` from the address bar and removes it (history.replaceState), so the secret does not
 * stay in the address bar, in bookmarks or in shared screenshots.
 */
export function takeReceiptFromUrl(): string | undefined {
  if (typeof location === 'undefined') return undefined;
  const url = new URL(location.href);
  const receipt = url.searchParams.get(RECEIPT_PARAM) ?? undefined;
  if (receipt !== undefined) {
    url.searchParams.delete(RECEIPT_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return receipt || undefined;
}
