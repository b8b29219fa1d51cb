import { type Actor, ForbiddenError, partnerScope } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { columnReader, resolveColumns } from "@/lib/exports/columns";
import { csvHeader, csvRecords, ndjsonRecords } from "@/lib/exports/format";
import { describeFilters, type ExportOptions } from "@/lib/exports/options";
import { type Keyset, type SignaturePage, signaturePage } from "@/lib/db/signature-pages";

// The one export path: the admin download, `npm run export` and the benchmark all call
// openSignatureExport. It returns a byte stream that reads one page of rows from the database
// each time the consumer asks for more (pull), so memory stays flat whatever the row count, and
// a slow client slows the reads instead of filling memory. The audit row is written when the
// stream ends, and also when the consumer stops early, with the rows handed to the stream.

export const EXPORT_BATCH_SIZE = 5000;

export class ExportNotFoundError extends Error {
  constructor(slug: string) {
    super(`No campaign with the slug "${slug.slice(0, 100)}".`);
    this.name = "ExportNotFoundError";
  }
}

export type SignatureExport = {
  filename: string;
  contentType: string;
  stream: ReadableStream<Uint8Array>;
};

/** `<slug>-signatures-<YYYY-MM-DD>.csv` (or `.ndjson`), the date in UTC. */
export function exportFilename(slug: string, format: ExportOptions["format"], now = new Date()): string {
  return `${slug}-signatures-${now.toISOString().slice(0, 10)}.${format}`;
}

export async function openSignatureExport(
  actor: Actor,
  options: ExportOptions,
  settings: { batchSize?: number; now?: Date } = {},
): Promise<SignatureExport> {
  const batchSize = settings.batchSize ?? EXPORT_BATCH_SIZE;
  const campaign = await findCampaign(options.campaign);
  if (!campaign) throw new ExportNotFoundError(options.campaign);

  // A partner sees only the supporters who agreed to hear from it, whatever the caller asked for.
  const scope = partnerScope(actor);
  const filters = { ...options.filters };
  if (scope) {
    if (filters.partner && filters.partner !== scope.partnerSlug) throw new ForbiddenError("a partner can export only its own supporters");
    filters.partner = scope.partnerSlug;
  }
  const columns = resolveColumns(options.columns);
  const names = columns.map((c) => c.name);
  const reader = columnReader(columns, { partnerSlug: scope?.partnerSlug ?? null });
  const encoder = new TextEncoder();

  let after: Keyset | null = null;
  let started = false;
  let finished = false;
  let rowsSent = 0;
  // The next page is asked for as soon as the one before arrives, so the database reads it while
  // this one is formatted and written (on PostgreSQL the two run at once); at most two pages are
  // ever held.
  let prefetched: Promise<SignaturePage> | null = null;
  const fetchPage = (from: Keyset | null): Promise<SignaturePage> => {
    const page = signaturePage(campaign.id, filters, from, batchSize, reader.fields);
    page.catch(() => undefined); // awaited by the next pull, which reports the error; not unhandled if none comes
    return page;
  };

  const audit = (completed: boolean) =>
    recordAudit(actor, "export.signatures", {
      campaignId: campaign.id,
      details: { format: options.format, columns: names, bom: options.bom, filters: describeFilters(filters), rows: rowsSent, completed },
    });

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            // The CSV header is a chunk of its own: a download starts before the first query.
            if (options.format === "csv") {
              controller.enqueue(encoder.encode(csvHeader(names, options.bom)));
              prefetched = fetchPage(null);
              return;
            }
          }
          const page = await (prefetched ?? fetchPage(after));
          prefetched = page.next ? fetchPage(page.next) : null;
          if (page.rows.length > 0) {
            const records = page.rows.map(reader.record);
            const text = options.format === "csv" ? csvRecords(records) : ndjsonRecords(names, records);
            rowsSent += page.rows.length;
            controller.enqueue(encoder.encode(text));
          }
          after = page.next;
          if (!after) {
            finished = true;
            await audit(true);
            controller.close();
          }
        } catch (error) {
          finished = true;
          await audit(false).catch(() => undefined);
          controller.error(error);
        }
      },
      async cancel() {
        if (finished) return;
        finished = true;
        await audit(false);
      },
    },
    { highWaterMark: 1 },
  );

  return {
    filename: exportFilename(campaign.slug, options.format, settings.now),
    contentType: options.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    stream,
  };
}
