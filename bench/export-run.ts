// Child process of bench/export.ts: runs the app's export path (openSignatureExport, the same
// function the admin download and `npm run export` use) into a file, then reports its own figures
// as one JSON line on standard error.
//   DATABASE_URL=file:... [BENCH_PARTNER=<slug>] node --conditions=react-server --import tsx bench/export-run.ts <out> [csv|ndjson]
//   (BENCH_PARTNER: time a partner-filtered export by hand)
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { disconnectDb } from "@/lib/db";
import { openSignatureExport } from "@/lib/exports/export";
import { parseExportParams } from "@/lib/exports/options";

async function main() {
  const [out, format = "csv"] = process.argv.slice(2);
  const started = performance.now();
  const opened = await openSignatureExport({ type: "cli", name: "bench" }, parseExportParams({ campaign: "bench-campaign", format, partner: process.env.BENCH_PARTNER || undefined }));
  await pipeline(Readable.fromWeb(opened.stream as NodeReadableStream<Uint8Array>), fs.createWriteStream(out));
  const exportMs = performance.now() - started;
  await disconnectDb();
  process.stderr.write(`${JSON.stringify({ exportMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
