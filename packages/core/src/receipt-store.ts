import { createStore, type UseStore } from 'idb-keyval';

/** The query parameter that carries a receipt in a follow-up link. */
export const RECEIPT_PARAM = 'voc-receipt';

let store: UseStore | undefined;
/** @internal The IndexedDB store of the receipts this browser remembers, one list per site. */
export const receiptStore = (): UseStore => (store ??= createStore('voc-receipts', 'receipts'));
