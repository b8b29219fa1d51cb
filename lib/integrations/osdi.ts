import { type Actor, partnerScope } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { campaignState, findCampaign } from "@/lib/campaigns/campaigns";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseDateParam } from "@/lib/exports/options";
import { countSignatures, keysetAfter, type Keyset, oneSignature, type SignatureFilters, signaturePage } from "@/lib/db/signature-pages";
import { collectionCount } from "@/lib/integrations/collection-counts";
import { FilterError, parseFilter } from "@/lib/integrations/filter";
import {
  apiBase,
  curies,
  DEFAULT_PER_PAGE,
  type Link,
  MAX_PAGESIZE,
  NAMESPACE,
  ORIGIN_SYSTEM,
  OSDI_VERSION,
  petitionHref,
  signaturesHref,
} from "@/lib/integrations/hal";
import { nearestPageEnd, rememberPageEnd } from "@/lib/integrations/page-anchors";
import {
  RESOURCE_FIELDS,
  type ResourceRow,
  signatureDocument,
  signatureIdFromPath,
  signatureResource,
  type Viewer,
  visibleTo,
} from "@/lib/integrations/signature-resource";
import { confirmedCount } from "@/lib/signatures/count";

// The integration API's resources, as the Open Supporter Data Interface (OSDI 1.2) defines them,
// so that supporter databases that speak OSDI can sync: HAL+JSON from an entry point (the AEP),
// petitions, and their signatures with the person embedded as `osdi:person`; `identifiers` as
// "speakout:<id>"; paging by `page` and `per_page` with `total_pages` and `total_records` on every
// page; `filter` on modified_date and created_date for incremental syncs. The `next` link also
// carries a cursor (an extension), so a sync that follows links neither skips nor repeats anyone
// while people sign. See docs/api.md and docs/decisions/055-osdi-conformance.md.

export class ApiInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiInputError";
  }
}

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

/** GET /api/v1: the API Entry Point, where an OSDI client starts. */
export function entryPoint(): object {
  return {
    motd: "Speak Out's read-only integration API: petitions and their confirmed signatures. Start at osdi:petitions.",
    vendor_name: ORIGIN_SYSTEM,
    product_name: ORIGIN_SYSTEM,
    osdi_version: OSDI_VERSION,
    max_pagesize: MAX_PAGESIZE,
    namespace: NAMESPACE,
    _links: {
      curies: curies(),
      self: { href: apiBase(), title: "This API entry point" },
      "osdi:petitions": { href: `${apiBase()}/petitions`, title: "The collection of petitions in the system" },
      docs: { href: `${apiBase()}/rels`, title: "The speakout: extension fields" },
    },
  };
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
    _links: { self: { href: petitionHref(campaign.slug) }, "osdi:signatures": { href: signaturesHref(campaign.slug) } },
  };
}

/** GET /api/v1/petitions: every campaign (campaigns are public; supporters are not). */
export async function petitionsCollection(): Promise<object> {
  const slugs = await db().campaign.findMany({ select: { slug: true }, orderBy: { createdAt: "asc" } });
  const petitions = (await Promise.all(slugs.map((c) => petition(c.slug)))).filter((p): p is Petition => p !== null);
  // Few campaigns: one page holds them all.
  return {
    total_records: petitions.length,
    total_pages: 1,
    page: 1,
    per_page: Math.max(petitions.length, 1),
    _links: { curies: curies(), self: { href: `${apiBase()}/petitions` }, "osdi:petitions": petitions.map((p) => p._links.self) },
    _embedded: { "osdi:petitions": petitions },
  };
}

/** GET /api/v1/petitions/<slug>, or null for an unknown slug. */
export async function petitionResource(slug: string): Promise<object | null> {
  const found = await petition(slug);
  return found ? { ...found, _links: { curies: curies(), ...found._links } } : null;
}

// ---------------------------------------------------------------------------------------------
// Signatures

/**
 * The cursor in a `next` link: where the page before ended (its last row's time and id), which
 * page it leads to, at how many a page, and in which order, as base64url JSON. It selects nothing
 * by itself: the filter is sent again beside it.
 */
type Cursor = { keyset: Keyset; page: number; perPage: number; order: "confirmedAt" | "updatedAt" };

export function encodeCursor(cursor: Cursor): string {
  const value = { v: 2, o: cursor.order === "updatedAt" ? "m" : "c", t: cursor.keyset.at.toISOString(), i: cursor.keyset.id, p: cursor.page, n: cursor.perPage };
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(cursor: string): Cursor {
  try {
    if (cursor.length > 300 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error();
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (v.v !== 2 || (v.o !== "c" && v.o !== "m") || typeof v.t !== "string" || !CURSOR_TIME.test(v.t) || typeof v.i !== "string" || v.i.length > 100) throw new Error();
    if (!Number.isInteger(v.p) || (v.p as number) < 2 || !Number.isInteger(v.n) || (v.n as number) < 1 || (v.n as number) > MAX_PAGESIZE) throw new Error();
    const at = new Date(v.t);
    if (Number.isNaN(at.getTime())) throw new Error();
    return { keyset: { at, id: v.i }, page: v.p as number, perPage: v.n as number, order: v.o === "m" ? "updatedAt" : "confirmedAt" };
  } catch {
    throw new ApiInputError("cursor is not valid: follow the next link of the previous page as it is");
  }
}

export type SignaturesQuery = {
  page?: string | null;
  perPage?: string | null;
  cursor?: string | null;
  /** `filter`, or OData's `$filter` */
  filter?: string | null;
  /** an older extension: confirmed at or after this date or time (the same as created_date ge) */
  since?: string | null;
};

function wholeNumber(name: string, value: string, max: number): number {
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new ApiInputError(`${name} must be a whole number from 1 to ${max} (got "${value.slice(0, 20)}")`);
  }
  return Number(value);
}

/** The page's position: after which keyset it starts (null: the start), or "beyond" past the last row. */
async function pageStart(
  campaignId: string,
  filters: SignatureFilters,
  collection: string,
  page: number,
  perPage: number,
  cursor: Cursor | null,
): Promise<Keyset | null | "beyond"> {
  if (cursor) return cursor.keyset;
  if (page === 1) return null;
  const known = nearestPageEnd(collection, page - 1);
  const skip = (page - 1 - known.page) * perPage;
  if (skip === 0) return known.keyset;
  return (await keysetAfter(campaignId, filters, known.keyset, skip)) ?? "beyond";
}

/**
 * GET /api/v1/petitions/<slug>/signatures: one page of the campaign's signatures as OSDI
 * signature resources. Without a modified_date condition: the confirmed signatures still counted,
 * in the order they were confirmed. With one (an incremental sync): every signature confirmed
 * once and modified in the range, in the order they were modified, those since withdrawn,
 * invalidated or erased (or, for a partner, whose consent to it was withdrawn) as tombstones. A
 * partner token sees only the signers who consented to that partner. Null for an unknown slug.
 * Each page read is written to the audit log.
 */
export async function signaturesCollection(actor: Actor, slug: string, query: SignaturesQuery): Promise<object | null> {
  const campaign = await findCampaign(slug);
  if (!campaign) return null;
  const cursor = query.cursor != null ? decodeCursor(query.cursor) : null;
  const perPage = query.perPage != null ? wholeNumber("per_page", query.perPage, MAX_PAGESIZE) : (cursor?.perPage ?? DEFAULT_PER_PAGE);
  const page = query.page != null ? wholeNumber("page", query.page, 1_000_000) : (cursor?.page ?? 1);
  if (cursor && (cursor.page !== page || cursor.perPage !== perPage)) {
    throw new ApiInputError(`the cursor leads to page ${cursor.page} at ${cursor.perPage} a page: follow the next link as it is, or leave the cursor out and ask for a page`);
  }

  let filter = null;
  try {
    filter = query.filter != null ? parseFilter(query.filter) : null;
  } catch (error) {
    if (error instanceof FilterError) throw new ApiInputError(error.message);
    throw error;
  }
  const filters: SignatureFilters = { set: filter?.modified ? "ever" : "active", order: filter?.modified ? "updatedAt" : "confirmedAt", ranges: filter?.ranges ?? [] };
  if (cursor && cursor.order !== filters.order) throw new ApiInputError("the cursor belongs to another filter: follow the next link as it is");
  if (query.since) {
    try {
      filters.from = parseDateParam("since", query.since, false);
    } catch (error) {
      throw new ApiInputError((error as Error).message);
    }
  }
  const scope = partnerScope(actor);
  if (scope) filters.partner = scope.partnerSlug;
  const viewer: Viewer = { partnerSlug: scope?.partnerSlug ?? null };

  const counted = [campaign.id, viewer.partnerSlug ?? "", filters.set, filter?.canonical ?? "", filters.from?.toISOString() ?? ""].join("|");
  const collection = `${counted}|${perPage}`;
  const start = await pageStart(campaign.id, filters, collection, page, perPage, cursor);
  // One row more than the page, to know whether a next page exists without a link to an empty one.
  const read = start === "beyond" ? { rows: [] } : await signaturePage(campaign.id, filters, start, perPage + 1, RESOURCE_FIELDS);
  const more = read.rows.length > perPage;
  const rows = read.rows.slice(0, perPage).map((values) => Object.fromEntries(RESOURCE_FIELDS.map((f, i) => [f, values[i]])) as ResourceRow);
  const last = rows[rows.length - 1];
  const end: Keyset | null = last ? { at: new Date((filters.order === "updatedAt" ? last.updatedAt : last.confirmedAt) as string), id: last.id as string } : null;
  if (end && rows.length === perPage) rememberPageEnd(collection, page, end);
  const total = await collectionCount(campaign.id, counted, () => countSignatures(campaign.id, filters));
  const items = rows.map((row) => signatureResource(row, campaign.slug, viewer));

  await recordAudit(actor, "api.signatures.read", {
    campaignId: campaign.id,
    details: { rows: items.length, page, perPage, filter: filter?.canonical ?? null, since: filters.from?.toISOString() ?? null, partner: filters.partner ?? null, cursor: Boolean(cursor) },
  });

  const link = (n: number, withCursor: Cursor | null): Link => {
    const url = new URL(signaturesHref(campaign.slug));
    url.searchParams.set("page", String(n));
    url.searchParams.set("per_page", String(perPage));
    if (query.filter != null) url.searchParams.set("filter", query.filter);
    if (query.since) url.searchParams.set("since", query.since);
    if (withCursor) url.searchParams.set("cursor", encodeCursor(withCursor));
    return { href: url.toString() };
  };
  const next = more && end ? link(page + 1, { keyset: end, page: page + 1, perPage, order: filters.order ?? "confirmedAt" }) : null;
  const prev = page > 1 ? link(page - 1, null) : null;
  return {
    total_records: total,
    total_pages: Math.ceil(total / perPage),
    page,
    per_page: perPage,
    _links: {
      curies: curies(),
      self: query.cursor ? link(page, cursor) : link(page, null),
      ...(next ? { next } : {}),
      // HAL's name for it, and the one OSDI's text uses
      ...(prev ? { prev, previous: prev } : {}),
      "osdi:petition": { href: petitionHref(campaign.slug) },
      "osdi:signatures": items.map((item) => item._links.self),
    },
    _embedded: { "osdi:signatures": items },
  };
}

/**
 * GET /api/v1/petitions/<slug>/signatures/<id> (the id as in `identifiers`, with or without
 * "speakout:"): the signature, a tombstone if it has since left the token's scope, or null when
 * there is no such confirmed signature in the campaign or the token may not see it.
 */
export async function signatureById(actor: Actor, slug: string, idParam: string): Promise<object | null> {
  const campaign = await findCampaign(slug);
  const id = signatureIdFromPath(idParam);
  if (!campaign || !id) return null;
  const values = await oneSignature(campaign.id, id, RESOURCE_FIELDS);
  if (!values) return null;
  const row = Object.fromEntries(RESOURCE_FIELDS.map((f, i) => [f, values[i]])) as ResourceRow;
  const scope = partnerScope(actor);
  const viewer: Viewer = { partnerSlug: scope?.partnerSlug ?? null };
  // A partner sees only those who consented to it at some time (a withdrawn consent: a tombstone).
  if (!visibleTo(row, viewer)) return null;
  await recordAudit(actor, "api.signature.read", { campaignId: campaign.id, targetId: id, details: { partner: viewer.partnerSlug } });
  return signatureDocument(row, campaign.slug, viewer);
}
