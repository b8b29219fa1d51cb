import type { Keyset } from "@/lib/db/signature-pages";

// Where each page of an API collection ended, so that `?page=N` starts where page N-1 ended
// instead of counting N-1 pages of rows again (docs/decisions/055-osdi-conformance.md).
//
// A client that loops page=1,2,3… finds the end of the page before in this map and costs one
// keyset seek per page, however deep. A page asked for with no known end before it is found from
// the nearest known one (or the start), by skipping keys in the index, never by reading rows.
// The map is per process and bounded: with several processes behind a balancer, a page is found
// from the nearest end that process saw, a few pages back. Ends older than TTL_MS are not used,
// so page numbers drift at most that long from the live data (a sync that follows `next` links
// carries its position in the link and never needs this).

const TTL_MS = 15 * 60_000;
/** collections (campaign × scope × filter × per_page) remembered; the least recently used goes */
const MAX_COLLECTIONS = 500;
/** page ends remembered per collection: enough for 5,000 pages of up to 500 rows */
const MAX_PAGES = 5_000;

type End = { keyset: Keyset; at: number };

// On globalThis, as every cache here: Next.js may load this module once per route bundle.
const globals = globalThis as unknown as { __apiPageEnds?: Map<string, Map<number, End>> };
const collections: Map<string, Map<number, End>> = (globals.__apiPageEnds ??= new Map());

function touch(key: string): Map<number, End> {
  let ends = collections.get(key);
  if (ends) collections.delete(key);
  else ends = new Map();
  collections.set(key, ends);
  while (collections.size > MAX_COLLECTIONS) collections.delete(collections.keys().next().value as string);
  return ends;
}

/** Notes that `page` of the collection `key` ended at `keyset`. */
export function rememberPageEnd(key: string, page: number, keyset: Keyset, now = Date.now()): void {
  const ends = touch(key);
  ends.delete(page);
  ends.set(page, { keyset, at: now });
  if (ends.size > MAX_PAGES) ends.delete(ends.keys().next().value as number);
}

/**
 * The nearest known end at or before `page` (the page number and where it ended), or page 0 (the
 * start of the collection) when none is known.
 */
export function nearestPageEnd(key: string, page: number, now = Date.now()): { page: number; keyset: Keyset | null } {
  const ends = collections.get(key);
  const exact = ends?.get(page);
  if (exact && now - exact.at <= TTL_MS) return { page, keyset: exact.keyset };
  let best: { page: number; keyset: Keyset | null } = { page: 0, keyset: null };
  if (!ends) return best;
  for (const [n, end] of ends) {
    if (now - end.at > TTL_MS) continue;
    if (n <= page && n > best.page) best = { page: n, keyset: end.keyset };
  }
  return best;
}

/** For tests: forget every page end. */
export function forgetPageEnds(): void {
  collections.clear();
}
