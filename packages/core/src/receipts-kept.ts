/** The receipts this browser remembers, read and forgotten, and a receipt taken from the address (the status feed). */
import { del, get, update } from 'idb-keyval';
import type { RememberedReceipt } from './receipts.js';
import { RECEIPT_PARAM, receiptStore as receipts } from './receipt-store.js';

/** The receipts this browser remembers for a site, newest first. */
export async function rememberedReceipts(site: string): Promise<RememberedReceipt[]> {
  return (await get<RememberedReceipt[]>(site, receipts())) ?? [];
}

/** Forgets one receipt (or, without `receipt`, every receipt of the site). */
export async function forgetReceipt(site: string, receipt?: string): Promise<void> {
  if (receipt === undefined) return del(site, receipts());
  await update<RememberedReceipt[]>(site, (list = []) => list.filter((r) => r.receipt !== receipt), receipts());
}

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
