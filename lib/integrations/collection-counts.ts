import { onCommitted } from "@/lib/db/changes";

// `total_records` on every page of an API collection, without a COUNT per page: a COUNT reads the
// whole collection (about 13 ms per 100,000 signatures on SQLite, three times that for a partner's
// consents), which on a long sync would cost a scan per page. A collection's count is kept in
// memory and computed at most once per REFRESH_MS, as the public count is (lib/signatures/count.ts):
// a signature confirmed meanwhile appears in the total at most that late. Withdrawals, erasures
// and invalidations drop the campaign's counts at once in every process (the "signatures" change,
// NOTIFY 'cache' on PostgreSQL), so a total never counts a signature that a page no longer shows
// for longer than that.

const REFRESH_MS = 5_000;
/** collections remembered; the least recently used goes */
const MAX_ENTRIES = 1_000;

type Entry = { campaignId: string; value: number; at: number };
const globals = globalThis as unknown as { __apiCollectionCounts?: Map<string, Entry> };
const counts: Map<string, Entry> = (globals.__apiCollectionCounts ??= new Map());

/** The count of the collection `key` (of `campaignId`), from memory if computed less than REFRESH_MS ago. */
export async function collectionCount(campaignId: string, key: string, compute: () => Promise<number>, now = Date.now()): Promise<number> {
  const entry = counts.get(key);
  if (entry && now - entry.at < REFRESH_MS) {
    counts.delete(key);
    counts.set(key, entry);
    return entry.value;
  }
  const value = await compute();
  counts.set(key, { campaignId, value, at: now });
  while (counts.size > MAX_ENTRIES) counts.delete(counts.keys().next().value as string);
  return value;
}

export function forgetCollectionCounts(campaignId?: string): void {
  if (!campaignId) return counts.clear();
  for (const [key, entry] of counts) if (entry.campaignId === campaignId) counts.delete(key);
}

onCommitted("api-collection-counts", (changes) => {
  for (const change of changes) if (change.kind === "signatures") forgetCollectionCounts(change.campaignId);
});
