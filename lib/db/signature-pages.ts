import { dialect, pgPool, type Prisma } from "@/lib/db";
import { postgresSignatureByIdSql, postgresSignaturePages } from "@/lib/db/postgres/signature-pages";
import { sqliteSignatureByIdSql, sqliteSignaturePages } from "@/lib/db/sqlite/signature-pages";

// Pages of confirmed, not erased signatures of one campaign, ordered by (confirmedAt, id), each
// page starting after the last row of the one before (keyset pagination): every page costs the
// same however deep into the table it is, and nothing but one page is ever held in memory.
// Shared by exports and the integration API. Rows are arrays of the fields asked for, as text,
// read with plain SQL through the driver (no per-row mapping by Prisma, which costs several times
// the query itself: docs/decisions/031-export-path.md). The SQL is per dialect
// (lib/db/sqlite/signature-pages.ts, lib/db/postgres/signature-pages.ts); the values are the same
// on both, to the byte.

/** The fields a page can hold. */
export const PAGE_FIELDS = [
  "id",
  /** timestamps are ISO 8601 UTC with milliseconds: "2026-11-05T09:00:00.000Z" */
  "confirmedAt",
  "createdAt",
  "updatedAt",
  "fullName",
  "email",
  "country",
  "comment",
  "locale",
  "source",
  "refCode",
  "referrerHost",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmTerm",
  "utmContent",
  /** the slug of the partner whose embed hosted the form */
  "partnerSlug",
  /** consent scopes in force, ";"-separated in byte order ("campaign;partner:amnesty-international"), or null */
  "consents",
  /** "confirmed", "withdrawn" or "invalidated" (pages hold only signatures that were confirmed) */
  "status",
  /** when the person was erased (their row then holds no personal data), or null */
  "erasedAt",
  /** every consent given, in force or withdrawn, as a JSON array of {scope, wording, locale, given, withdrawn} in scope order */
  "consentRecords",
] as const;

export type Field = (typeof PAGE_FIELDS)[number];
export type FieldValue = string | null;

/**
 * One signature read by id, whatever its status, inside a write transaction: every page field
 * under its own name (the same SQL as the pages, so the same values to the byte) and its
 * campaign's slug. What a webhook event is built from (lib/webhooks/events.ts).
 */
export type SignatureRecord = Record<Field, FieldValue> & { campaignSlug: string };

/** Where the previous page ended: the last row's time (confirmedAt, or updatedAt when ordered by it) and id. */
export type Keyset = { at: Date; id: string };

export type TimeRange = { field: "confirmedAt" | "updatedAt"; op: "gt" | "ge" | "lt" | "le"; at: Date };

export type SignatureFilters = {
  /**
   * "active" (the default): signatures confirmed and still counted, not erased.
   * "ever": every signature that was ever confirmed, whatever became of it since (withdrawn,
   * invalidated, erased), so that an incremental sync learns of removals. With `partner`, the
   * signers who ever consented to that partner, the consent in force or not.
   */
  set?: "active" | "ever";
  /** the order, and the keyset's time: "confirmedAt" (the default) or "updatedAt" */
  order?: "confirmedAt" | "updatedAt";
  /** comparisons on confirmedAt or updatedAt, all of which must hold */
  ranges?: TimeRange[];
  /** confirmedAt >= from */
  from?: Date;
  /** confirmedAt < to */
  to?: Date;
  /** country codes; any of them */
  countries?: string[];
  source?: string;
  /** only supporters whose consent to this partner (its slug) is in force (with set "ever": was ever given) */
  partner?: string;
};

export type SignaturePage = {
  /** at most `limit` rows, each the requested fields in order (and after them, when not among them, the keyset's confirmedAt and id) */
  rows: FieldValue[][];
  /** where the next page starts; null after the last page */
  next: Keyset | null;
};

export type SignaturePages = {
  page(campaignId: string, filters: SignatureFilters, after: Keyset | null, limit: number, fields: readonly Field[]): Promise<SignaturePage>;
  count(campaignId: string, filters: SignatureFilters): Promise<number>;
  /** The keyset of the `skip`-th row after `after` (1 = the next row), or null if there are fewer. Reads only keys. */
  keysetAfter(campaignId: string, filters: SignatureFilters, after: Keyset | null, skip: number): Promise<Keyset | null>;
  /** One signature of the campaign that was ever confirmed, by id, or null. */
  one(campaignId: string, id: string, fields: readonly Field[]): Promise<FieldValue[] | null>;
};

function pages(): SignaturePages {
  return dialect() === "postgres" ? postgresSignaturePages(pgPool()) : sqliteSignaturePages;
}

/** One page of signatures after `after` (null: from the start). */
export function signaturePage(
  campaignId: string,
  filters: SignatureFilters,
  after: Keyset | null,
  limit: number,
  fields: readonly Field[],
): Promise<SignaturePage> {
  return pages().page(campaignId, filters, after, limit, fields);
}

/** The keyset `skip` rows after `after`: where page N starts, found from the nearest known page end (lib/integrations/page-anchors.ts). */
export function keysetAfter(campaignId: string, filters: SignatureFilters, after: Keyset | null, skip: number): Promise<Keyset | null> {
  return pages().keysetAfter(campaignId, filters, after, skip);
}

/** One signature that was ever confirmed, by id (the API's signature resource), or null. */
export function oneSignature(campaignId: string, id: string, fields: readonly Field[]): Promise<FieldValue[] | null> {
  return pages().one(campaignId, id, fields);
}

/** How many rows the same filters select (the API's total). */
export function countSignatures(campaignId: string, filters: SignatureFilters): Promise<number> {
  return pages().count(campaignId, filters);
}

/**
 * One signature by id, read through the Prisma transaction `tx` (it sees what the transaction
 * changed so far), or null. The read of an event queued in a transaction of Prisma's (withdrawal,
 * erasure); the signing path reads the same row through its store (SigningStore.signatureForWebhook).
 */
export async function signatureInTransaction(tx: Prisma.TransactionClient, id: string): Promise<SignatureRecord | null> {
  const sql = dialect() === "postgres" ? postgresSignatureByIdSql : sqliteSignatureByIdSql;
  const rows = await tx.$queryRawUnsafe<SignatureRecord[]>(sql, id);
  return rows[0] ?? null;
}
