import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportRow } from "@/lib/exports/columns";
import type { ExportFilters } from "@/lib/exports/options";

// Reads confirmed, not erased signatures of one campaign in pages ordered by (confirmedAt, id),
// each page starting after the last row of the one before (keyset pagination): every page costs
// the same however deep into the table it is, and nothing but one page is ever held in memory.
// Shared by exports and the integration API.

/** Where the previous page ended. confirmedAt is the stored text, compared as stored. */
export type Keyset = { confirmedAt: string; id: string };

export type SignaturePageRow = ExportRow & { createdAt: string; updatedAt: string };

/** Stored timestamps are ISO 8601 text ("…+00:00", see the better-sqlite3 adapter); we print "Z". */
export function isoUtc(stored: unknown): string {
  if (stored instanceof Date) return stored.toISOString();
  const text = String(stored);
  return text.endsWith("+00:00") ? `${text.slice(0, -6)}Z` : text;
}

function storedText(stored: unknown): string {
  return stored instanceof Date ? stored.toISOString().replace("Z", "+00:00") : String(stored);
}

function conditions(campaignId: string, filters: ExportFilters, after: Keyset | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`s.campaignId = ${campaignId}`,
    Prisma.sql`s.status = 'confirmed'`,
    Prisma.sql`s.erasedAt IS NULL`,
    Prisma.sql`s.confirmedAt IS NOT NULL`,
  ];
  if (filters.from) parts.push(Prisma.sql`s.confirmedAt >= ${filters.from}`);
  if (filters.to) parts.push(Prisma.sql`s.confirmedAt < ${filters.to}`);
  if (filters.countries?.length) parts.push(Prisma.sql`s.country IN (${Prisma.join(filters.countries)})`);
  if (filters.source) parts.push(Prisma.sql`s.source = ${filters.source}`);
  if (filters.partner) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM Consent pc WHERE pc.signatureId = s.id AND pc.scope = ${`partner:${filters.partner}`} AND pc.withdrawnAt IS NULL)`,
    );
  }
  if (after) {
    parts.push(Prisma.sql`(s.confirmedAt > ${after.confirmedAt} OR (s.confirmedAt = ${after.confirmedAt} AND s.id > ${after.id}))`);
  }
  return Prisma.join(parts, " AND ");
}

type RawRow = Omit<SignaturePageRow, "confirmedAt" | "createdAt" | "updatedAt"> & {
  confirmedAt: unknown;
  createdAt: unknown;
  updatedAt: unknown;
};

/**
 * One page of signatures after `after` (null: from the start), at most `limit` rows, and the
 * keyset to continue from (null when this was the last page).
 */
export async function signaturePage(
  campaignId: string,
  filters: ExportFilters,
  after: Keyset | null,
  limit: number,
): Promise<{ rows: SignaturePageRow[]; next: Keyset | null }> {
  // confirmedAt is cast to text so that the keyset compares exactly what is stored.
  const raw = await db().$queryRaw<RawRow[]>(Prisma.sql`
    SELECT s.id AS id, CAST(s.confirmedAt AS TEXT) AS confirmedAt, CAST(s.createdAt AS TEXT) AS createdAt,
           CAST(s.updatedAt AS TEXT) AS updatedAt, s.fullName AS fullName, s.email AS email,
           s.country AS country, s.comment AS comment, s.locale AS locale, s.source AS source,
           s.refCode AS refCode, s.referrerHost AS referrerHost, s.utmSource AS utmSource,
           s.utmMedium AS utmMedium, s.utmCampaign AS utmCampaign, s.utmTerm AS utmTerm,
           s.utmContent AS utmContent, p.slug AS partnerSlug,
           (SELECT group_concat(c.scope, ';') FROM Consent c WHERE c.signatureId = s.id AND c.withdrawnAt IS NULL) AS consents
    FROM Signature s LEFT JOIN Partner p ON p.id = s.partnerId
    WHERE ${conditions(campaignId, filters, after)}
    ORDER BY s.confirmedAt, s.id
    LIMIT ${limit}`);
  const rows = raw.map((r) => ({ ...r, confirmedAt: isoUtc(r.confirmedAt), createdAt: isoUtc(r.createdAt), updatedAt: isoUtc(r.updatedAt) }));
  const last = raw[raw.length - 1];
  return { rows, next: raw.length < limit || !last ? null : { confirmedAt: storedText(last.confirmedAt), id: last.id } };
}

/** How many rows the same filters select (for the API's total and the admin form). */
export async function countSignatures(campaignId: string, filters: ExportFilters): Promise<number> {
  const [row] = await db().$queryRaw<{ n: bigint | number }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM Signature s WHERE ${conditions(campaignId, filters, null)}`,
  );
  return Number(row?.n ?? 0);
}
