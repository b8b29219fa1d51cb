// Exports a campaign's confirmed signatures to standard output, through the same code as the
// admin download, and writes the export to the audit log as the operator's user name.
//
//   npm run -s export -- --campaign <slug> [--format csv|ndjson] [--from DATE] [--to DATE]
//       [--country FR,DE] [--source direct|referral|embed|utm] [--partner <slug>]
//       [--columns id,email,...] [--bom] [--output file.csv] > file.csv
//
// npm's own "> script" banner is kept out of a file that standard output is redirected to.
// Exit status: 0 done, 2 bad arguments, 1 anything else (the message is on standard error).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { EnvError, env } from "@/lib/env";
import { COLUMNS, DEFAULT_COLUMNS, ExportInputError } from "@/lib/exports/columns";
import { ExportNotFoundError, openSignatureExport } from "@/lib/exports/export";
import { parseExportParams } from "@/lib/exports/options";

const USAGE = `Usage: npm run -s export -- --campaign <slug> [options] > file

Options:
  --format csv|ndjson   output format (default csv)
  --from DATE           confirmed at or after (2026-11-27 or 2026-11-27T09:30:00Z)
  --to DATE             confirmed before (a date alone means through the end of that day, UTC)
  --country CODES       ISO country codes, comma-separated (FR or FR,DE)
  --source SOURCE       direct, referral, embed or utm
  --partner SLUG        only supporters who consented to this partner
  --columns A,B,...     columns to include (default ${DEFAULT_COLUMNS.join(",")})
  --bom                 start a CSV file with a UTF-8 byte-order mark (for spreadsheets)
  --output FILE         write to FILE instead of standard output
  --help                this text

Columns:
${COLUMNS.map((c) => `  ${c.name.padEnd(18)}${c.description}`).join("\n")}
`;

function fail(message: string, status: number): never {
  process.stderr.write(`export: ${message}\n`);
  process.exit(status);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        campaign: { type: "string" },
        format: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        country: { type: "string" },
        source: { type: "string" },
        partner: { type: "string" },
        columns: { type: "string" },
        bom: { type: "boolean" },
        output: { type: "string", short: "o" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message, 1);
    throw error;
  }
  let options;
  try {
    const { campaign, format, from, to, country, source, partner, columns } = values;
    options = parseExportParams({ campaign, format, from, to, country, source, partner, columns, bom: values.bom ? "true" : undefined });
  } catch (error) {
    if (error instanceof ExportInputError) fail(`${error.message.replace(/^(\w+)/, "--$1")}\nRun with --help for the options.`, 2);
    throw error;
  }
  const actor = { type: "cli" as const, name: os.userInfo().username };
  let opened;
  try {
    opened = await openSignatureExport(actor, options);
  } catch (error) {
    if (error instanceof ExportNotFoundError) fail(error.message, 2);
    throw error;
  }
  // A file named by --output is written beside and renamed at the end, so a failed export leaves no partial file.
  const target = values.output ? path.resolve(values.output) : null;
  const partial = target ? `${target}.partial` : null;
  const sink = partial ? fs.createWriteStream(partial) : standardOutput();
  await pipeline(Readable.fromWeb(opened.stream as import("node:stream/web").ReadableStream<Uint8Array>), sink);
  if (target && partial) fs.renameSync(partial, target);
  await disconnectDb();
}

/**
 * Standard output, minus npm's own "> name@version export" banner: `npm run export -- … > file`
 * must give a clean file, and npm writes that banner into the same file before this script starts.
 * When standard output is a regular file holding exactly that banner (a fresh `>` redirect), the
 * file is emptied and written from its start; in every other case output is left as it is.
 */
function standardOutput(): NodeJS.WritableStream {
  if (!process.env.npm_lifecycle_event) return process.stdout;
  const stat = fs.fstatSync(1);
  if (!stat.isFile() || stat.size === 0 || stat.size > 4096) return process.stdout;
  // Standard output is open for writing only: read the same file through its /proc entry.
  const written = fs.readFileSync("/proc/self/fd/1", "utf8");
  if (!/^\n> \S+@\S+ \S+\n> [^\n]*\n\n$/.test(written)) return process.stdout;
  fs.ftruncateSync(1, 0);
  // Positioned writes from 0: the shared file offset still points past the banner.
  return fs.createWriteStream("", { fd: 1, start: 0, autoClose: false });
}

main().catch((error) => {
  // A reader that went away (`| head`) is not an error of ours.
  if ((error as NodeJS.ErrnoException)?.code === "EPIPE") process.exit(0);
  process.stderr.write(`export: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
