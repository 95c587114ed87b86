import { createStore, del, get, update, type UseStore } from 'idb-keyval';

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

/** The query parameter that carries a receipt in a follow-up link. */
export const RECEIPT_PARAM = 'voc-receipt';

let store: UseStore | undefined;
const receipts = () => (store ??= createStore('voc-receipts', 'receipts'));

/** Remembers a receipt in this browser (IndexedDB) until the customer forgets it. */
export async function rememberReceipt(entry: RememberedReceipt): Promise<void> {
  await update<RememberedReceipt[]>(entry.site, (list = []) => [entry, ...list.filter((r) => r.receipt !== entry.receipt)], receipts());
}

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

/** The private follow-up link for a receipt, on `page` (default: this page, without its query). */
export function receiptLink(receipt: string, page?: string): string {
  const url = new URL(page ?? location.href);
  if (!page) url.search = '';
  url.hash = '';
  url.searchParams.set(RECEIPT_PARAM, receipt);
  return url.href;
}
