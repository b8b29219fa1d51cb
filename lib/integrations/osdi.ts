import { type Actor, partnerScope } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { campaignState, findCampaign } from "@/lib/campaigns/campaigns";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { splitName } from "@/lib/exports/columns";
import { parseDateParam } from "@/lib/exports/options";
import type { ExportFilters } from "@/lib/exports/options";
import { countSignatures, type Field, type Keyset, signaturePage } from "@/lib/db/signature-pages";
import { confirmedCount } from "@/lib/signatures/count";

// The integration API's resources, shaped after the Open Supporter Data Interface (OSDI 1.x)
// petition and signature resources, so supporter databases that speak OSDI can sync: HAL+JSON
// with `_links` and `_embedded`, `identifiers` as "speakout:<id>", `created_date` and
// `modified_date`, and the person inside each signature. Pagination is by an opaque cursor in
// the `next` link instead of OSDI's page numbers, so a sync that runs while people sign neither
// skips nor repeats anyone. See docs/decisions/032-integration-api.md.

export const ORIGIN_SYSTEM = "Speak Out";
export const MAX_PER_PAGE = 500;
export const DEFAULT_PER_PAGE = 100;

export class ApiInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiInputError";
  }
}

type Link = { href: string };
type Petition = {
  identifiers: string[];
  origin_system: string;
  name: string;
  title: string;
  description: string;
  petition_text: string;
  target: { name: string }[];
  total_signatures: number;
  status: "open" | "closed";
  browser_url: string;
  created_date: string;
  modified_date: string;
  _links: { self: Link; "osdi:signatures": Link };
};

function base(): string {
  return `${env().APP_URL}/api/v1`;
}

async function petition(slug: string): Promise<Petition | null> {
  const campaign = await findCampaign(slug);
  if (!campaign) return null;
  const row = await db().campaign.findUnique({ where: { id: campaign.id }, select: { createdAt: true, updatedAt: true } });
  return {
    identifiers: [`speakout:${campaign.slug}`],
    origin_system: ORIGIN_SYSTEM,
    name: campaign.slug,
    title: campaign.title,
    description: campaign.summary,
    petition_text: campaign.letterBody,
    target: [{ name: campaign.target }],
    total_signatures: await confirmedCount(campaign.id),
    status: campaignState(campaign) === "open" ? "open" : "closed",
    browser_url: `${env().APP_URL}/c/${campaign.slug}`,
    created_date: (row?.createdAt ?? new Date(0)).toISOString(),
    modified_date: (row?.updatedAt ?? new Date(0)).toISOString(),
    _links: { self: { href: `${base()}/petitions/${campaign.slug}` }, "osdi:signatures": { href: `${base()}/petitions/${campaign.slug}/signatures` } },
  };
}

/** GET /api/v1/petitions: every campaign (campaigns are public; supporters are not). */
export async function petitionsCollection(): Promise<object> {
  const slugs = await db().campaign.findMany({ select: { slug: true }, orderBy: { createdAt: "asc" } });
  const petitions = (await Promise.all(slugs.map((c) => petition(c.slug)))).filter((p): p is Petition => p !== null);
  return {
    total_records: petitions.length,
    _links: { self: { href: `${base()}/petitions` }, "osdi:petitions": petitions.map((p) => p._links.self) },
    _embedded: { "osdi:petitions": petitions },
  };
}

/** GET /api/v1/petitions/<slug>, or null for an unknown slug. */
export function petitionResource(slug: string): Promise<Petition | null> {
  return petition(slug);
}

/**
 * The cursor is the keyset of the last row sent, base64url-encoded JSON: its confirmation time
 * (ISO 8601 UTC, "…Z") and its id. It selects nothing by itself. Cursors made before PostgreSQL
 * support hold the time as SQLite stored it ("…+00:00"): they are read the same.
 */
export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.confirmedAt.toISOString(), keyset.id]), "utf8").toString("base64url");
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|\+00:00)$/;

export function decodeCursor(cursor: string): Keyset {
  try {
    if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error();
    const [time, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof time !== "string" || typeof id !== "string" || !CURSOR_TIME.test(time) || id.length > 100) throw new Error();
    const confirmedAt = new Date(time);
    if (Number.isNaN(confirmedAt.getTime())) throw new Error();
    return { confirmedAt, id };
  } catch {
    throw new ApiInputError("cursor is not valid: use the next link of the previous page as it is");
  }
}

const SIGNATURE_FIELDS = [
  "id",
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
  "partnerSlug",
  "consents",
] as const satisfies readonly Field[];

type SignatureFields = Record<(typeof SIGNATURE_FIELDS)[number], string | null>;

function signatureResource(row: SignatureFields, slug: string, partnerSlug: string | null): object {
  const name = splitName(row.fullName ?? "");
  const scopes = row.consents ? row.consents.split(";") : [];
  const partners = scopes
    .filter((s) => s.startsWith("partner:"))
    .map((s) => s.slice("partner:".length))
    .filter((p) => partnerSlug === null || p === partnerSlug)
    .sort();
  const utm = { source: row.utmSource, medium: row.utmMedium, campaign: row.utmCampaign, term: row.utmTerm, content: row.utmContent };
  return {
    identifiers: [`speakout:${row.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: row.confirmedAt,
    modified_date: row.updatedAt,
    comments: row.comment,
    person: {
      identifiers: [`speakout:${row.id}`],
      given_name: name.first,
      family_name: name.last,
      email_addresses: [{ address: row.email, primary: true }],
      postal_addresses: [{ country: row.country, primary: true }],
      languages_spoken: [row.locale],
    },
    referrer_data: { source: row.source, referrer: row.refCode, website: row.referrerHost, utm },
    "speakout:signed_date": row.createdAt,
    "speakout:confirmed_date": row.confirmedAt,
    "speakout:embed_partner": row.partnerSlug,
    "speakout:consents": { campaign: scopes.includes("campaign"), partners },
    _links: { "osdi:petition": { href: `${base()}/petitions/${slug}` } },
  };
}

export type SignaturesQuery = { cursor?: string | null; perPage?: string | null; since?: string | null };

/**
 * GET /api/v1/petitions/<slug>/signatures: one page of confirmed, not erased signatures, oldest
 * confirmation first; a partner token sees only the supporters who consented to that partner.
 * Null for an unknown slug. Each page read is written to the audit log.
 */
export async function signaturesCollection(actor: Actor, slug: string, query: SignaturesQuery): Promise<object | null> {
  const campaign = await findCampaign(slug);
  if (!campaign) return null;
  let perPage = DEFAULT_PER_PAGE;
  if (query.perPage) {
    if (!/^\d{1,4}$/.test(query.perPage) || Number(query.perPage) < 1 || Number(query.perPage) > MAX_PER_PAGE) {
      throw new ApiInputError(`per_page must be a whole number from 1 to ${MAX_PER_PAGE} (got "${query.perPage.slice(0, 20)}")`);
    }
    perPage = Number(query.perPage);
  }
  const filters: ExportFilters = {};
  if (query.since) {
    try {
      filters.from = parseDateParam("since", query.since, false);
    } catch (error) {
      throw new ApiInputError((error as Error).message);
    }
  }
  const scope = partnerScope(actor);
  if (scope) filters.partner = scope.partnerSlug;
  const after = query.cursor ? decodeCursor(query.cursor) : null;

  const page = await signaturePage(campaign.id, filters, after, perPage, SIGNATURE_FIELDS);
  // Counted on the first page only: a COUNT per page would cost a scan per page on a long sync.
  const total = after ? undefined : await countSignatures(campaign.id, filters);
  const items = page.rows.map((values) => {
    const row = Object.fromEntries(SIGNATURE_FIELDS.map((f, i) => [f, values[i]])) as SignatureFields;
    return signatureResource(row, campaign.slug, scope?.partnerSlug ?? null);
  });
  await recordAudit(actor, "api.signatures.read", {
    campaignId: campaign.id,
    details: { rows: items.length, perPage, since: filters.from?.toISOString() ?? null, partner: filters.partner ?? null, cursor: Boolean(after) },
  });

  const self = new URL(`${base()}/petitions/${campaign.slug}/signatures`);
  self.searchParams.set("per_page", String(perPage));
  if (query.since) self.searchParams.set("since", query.since);
  const next = page.next ? new URL(self) : null;
  if (query.cursor) self.searchParams.set("cursor", query.cursor);
  if (next && page.next) next.searchParams.set("cursor", encodeCursor(page.next));
  return {
    ...(total === undefined ? {} : { total_records: total }),
    per_page: perPage,
    _links: {
      self: { href: self.toString() },
      ...(next ? { next: { href: next.toString() } } : {}),
      "osdi:petition": { href: `${base()}/petitions/${campaign.slug}` },
    },
    _embedded: { "osdi:signatures": items },
  };
}
