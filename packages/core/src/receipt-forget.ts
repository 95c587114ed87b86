/** Forgetting remembered receipts: only the status feed's thread does it, so it loads with the thread. */
import { del, update } from 'idb-keyval';
import type { RememberedReceipt } from './receipts.js';
import { receiptStore as receipts } from './receipt-store.js';

/** Forgets one receipt (or, without `receipt`, every receipt of the site). */
export async function forgetReceipt(site: string, receipt?: string): Promise<void> {
  if (receipt === undefined) return del(site, receipts());
  await update<RememberedReceipt[]>(site, (list = []) => list.filter((r) => r.receipt !== receipt), receipts());
}
