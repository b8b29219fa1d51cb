// Integration API paging benchmark (`npm run bench:api-paging`): seeds confirmed signatures into a
// throwaway SQLite file with the app's schema, then reads one page of 100 signatures through the
// API's own code (lib/integrations/osdi.ts, audit write included) at the start, in the middle and
// at the end of the collection, beside the database's own keyset read of the same page with the
// raw driver, alternately, over several rounds. It shows what the issue asks: page N costs about
// what page 1 costs, whether reached by `page=N` after page N-1, by the `next` link, or cold (no
// page end remembered: keys skipped in the index, no rows read).
//
//   npm run bench:api-paging                  100k and 1M rows
//   npm run bench:api-paging -- 200000        other sizes
//   BENCH_RUNS=7                              rounds (default 5)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { createSqliteSchema, seedSqliteTo } from "./support/sqlite-seed";

const ARGS = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SIZES = ARGS.length ? ARGS.sort((a, b) => a - b) : [100_000, 1_000_000];
const RUNS = Number(process.env.BENCH_RUNS) > 0 ? Number(process.env.BENCH_RUNS) : 5;
const PER_PAGE = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function time(run: () => unknown): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-api-"));
  const file = path.join(dir, "bench.db");
  createSqliteSchema(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.OUTBOX_DISPATCHER = "off";
  const osdi = await import("@/lib/integrations/osdi");
  const anchors = await import("@/lib/integrations/page-anchors");
  const { disconnectDb } = await import("@/lib/db");
  const actor = { type: "cli", name: "bench" } as const;
  const raw = new Database(file, { readonly: true });
  // The database's own keyset read of one page: the same rows, a plain SELECT of the columns.
  const rawPage = raw.prepare(
    `SELECT s.id, s.confirmedAt, s.createdAt, s.updatedAt, s.fullName, s.email, s.country, s.comment, s.locale, s.source
     FROM Signature s WHERE s.campaignId = 'bench' AND s.status = 'confirmed' AND s.erasedAt IS NULL
       AND s.confirmedAt >= ? AND (s.confirmedAt > ? OR s.id > ?) ORDER BY s.confirmedAt, s.id LIMIT ${PER_PAGE}`,
  );
  const keyAt = raw.prepare(`SELECT confirmedAt, id FROM Signature WHERE campaignId = 'bench' AND status = 'confirmed' ORDER BY confirmedAt, id LIMIT 1 OFFSET ?`);

  const table: Record<string, string>[] = [];
  let seeded = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    seedSqliteTo(file, seeded, size);
    seeded = size;
    const seedS = (performance.now() - t0) / 1000;
    const pages = Math.ceil(size / PER_PAGE);
    for (const page of [1, Math.ceil(pages / 2), pages]) {
      const before = page === 1 ? null : (keyAt.get((page - 1) * PER_PAGE - 1) as { confirmedAt: string; id: string });
      const bare = () => rawPage.all(before?.confirmedAt ?? "", before?.confirmedAt ?? "", before?.id ?? "");
      const samples: Record<string, number[]> = { raw: [], afterPrevious: [], byNextLink: [], cold: [], count: [] };
      for (let round = 0; round < RUNS; round++) {
        samples.raw.push(await time(bare));
        // page N right after page N-1, as a client looping page=1..N reads it
        anchors.forgetPageEnds();
        let nextHref: string | undefined;
        if (page > 1) {
          const previous = (await osdi.signaturesCollection(actor, "bench-campaign", { page: String(page - 1), perPage: String(PER_PAGE) })) as { _links: { next?: { href: string } } };
          nextHref = previous._links.next?.href;
        }
        samples.raw.push(await time(bare));
        samples.afterPrevious.push(await time(() => osdi.signaturesCollection(actor, "bench-campaign", { page: String(page), perPage: String(PER_PAGE) })));
        // by the next link of page N-1 (its cursor)
        const cursor = nextHref ? new URL(nextHref).searchParams.get("cursor") : null;
        samples.raw.push(await time(bare));
        samples.byNextLink.push(await time(() => osdi.signaturesCollection(actor, "bench-campaign", { page: String(page), perPage: String(PER_PAGE), cursor })));
        // cold: no page end remembered
        anchors.forgetPageEnds();
        samples.raw.push(await time(bare));
        samples.cold.push(await time(() => osdi.signaturesCollection(actor, "bench-campaign", { page: String(page), perPage: String(PER_PAGE) })));
      }
      const rawMs = median(samples.raw);
      const cell = (values: number[]) => `${median(values).toFixed(1)} ms (${(median(values) / rawMs).toFixed(1)}×)`;
      table.push({
        rows: size.toLocaleString("en"),
        page: `${page.toLocaleString("en")} of ${pages.toLocaleString("en")}`,
        "raw keyset read": `${rawMs.toFixed(2)} ms`,
        "page=N after N-1": cell(samples.afterPrevious),
        "next link": cell(samples.byNextLink),
        "page=N cold": cell(samples.cold),
      });
    }
    console.log(`seeded ${size.toLocaleString("en")} rows in ${seedS.toFixed(1)} s`);
  }
  console.log(`\nAPI page of ${PER_PAGE} signatures (audit write, count and JSON included) beside the raw driver's keyset read of the same page; medians of ${RUNS} rounds, ${os.cpus().length} cores, SQLite ${raw.prepare("select sqlite_version()").pluck().get()}\n`);
  console.table(table);
  raw.close();
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
