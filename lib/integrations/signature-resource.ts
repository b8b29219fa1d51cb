import { type Field, PAGE_FIELDS } from "@/lib/db/signature-pages";
import { splitName } from "@/lib/exports/columns";
import { curies, type Link, NAMESPACE, ORIGIN_SYSTEM, petitionHref, signatureHref } from "@/lib/integrations/hal";

// One signature as the integration API and the webhooks show it: an OSDI 1.2 signature resource
// with its person embedded as `osdi:person`, built from one row of the signature pages
// (lib/db/signature-pages.ts). Pure: no database, so the API and the webhooks cannot drift apart.
//
// Who sees what is decided here, from the token's (or endpoint's) scope:
// - an owner sees every confirmed signature in full, and `email_addresses[].status` says whether
//   the signer agreed to hear about the campaign;
// - a partner sees the signers who agreed to hear from that partner, and only that consent.
// A signature that has left the scope (withdrawn, invalidated, erased, or, for a partner, the
// partner's consent withdrawn) is a tombstone: identifiers, dates and `speakout:status`, no
// personal data, so that a sync can delete what it imported.

/** The fields of a row the resource is built from: every field of a signature page. */
export const RESOURCE_FIELDS = PAGE_FIELDS;

export type ResourceRow = Record<Field, string | null>;

/** One consent as `consentRecords` holds it (JSON, in scope order). */
export type ConsentRecord = { scope: string; wording: string; locale: string; given: string; withdrawn: string | null };

export type Viewer = {
  /** null for an owner-level token or endpoint; the partner's slug for a partner's */
  partnerSlug: string | null;
};

export type RemovedStatus = "withdrawn" | "invalidated" | "erased" | "consent_withdrawn";
export type SignatureStatus = "confirmed" | RemovedStatus;

export type OsdiPerson = {
  identifiers: string[];
  given_name?: string | null;
  family_name?: string | null;
  email_addresses?: { address: string; primary: true; status: "subscribed" | "unsubscribed" }[];
  postal_addresses?: { country: string; primary: true }[];
  languages_spoken?: string[];
};

export type OsdiSignature = {
  identifiers: string[];
  origin_system: string;
  /** when the signature was confirmed: the moment it entered the collection */
  created_date: string;
  modified_date: string;
  /** when the person signed (submitted the form) */
  action_date: string;
  comments?: string | null;
  referrer_data?: { source: string | null; referrer: string | null; website: string | null; url: null };
  "speakout:status": SignatureStatus;
  "speakout:confirmed_date": string;
  "speakout:embed_partner"?: string | null;
  "speakout:utm"?: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
  "speakout:consents"?: { scope: string; wording: string; locale: string; given_date: string; withdrawn_date: string | null }[];
  _links: { self: Link; "osdi:petition": Link };
  _embedded: { "osdi:person": OsdiPerson };
};

export function signatureIdentifier(id: string): string {
  return `${NAMESPACE}:${id}`;
}

/** A person exists here once per signature; integrators match people across campaigns by email address. */
export function personIdentifier(signatureId: string): string {
  return `${NAMESPACE}:person-${signatureId}`;
}

/** The signature id named by "speakout:<id>" or "<id>", or null if it cannot be one. */
export function signatureIdFromPath(value: string): string | null {
  const id = value.startsWith(`${NAMESPACE}:`) ? value.slice(NAMESPACE.length + 1) : value;
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
}

export function parseConsentRecords(text: string | null): ConsentRecord[] {
  if (!text) return [];
  const records = JSON.parse(text) as ConsentRecord[];
  return records.sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
}

/** The scope of consent that decides, for this viewer, whether the signer is subscribed. */
export function consentScopeFor(viewer: Viewer): string {
  return viewer.partnerSlug ? `partner:${viewer.partnerSlug}` : "campaign";
}

/**
 * Whether this viewer may see this signature at all (in full or as a tombstone): an owner sees
 * every one; a partner only those who consented to it at some time, the consent in force or not.
 */
export function visibleTo(row: Pick<ResourceRow, "consentRecords">, viewer: Viewer): boolean {
  if (!viewer.partnerSlug) return true;
  const scope = consentScopeFor(viewer);
  return parseConsentRecords(row.consentRecords).some((c) => c.scope === scope);
}

/** Why this row is a tombstone for this viewer, or null when it is shown in full. */
export function removedStatus(row: Pick<ResourceRow, "status" | "erasedAt" | "consentRecords">, viewer: Viewer): RemovedStatus | null {
  if (row.erasedAt) return "erased";
  if (row.status === "withdrawn") return "withdrawn";
  if (row.status === "invalidated") return "invalidated";
  // Withdrawn, then signed again and not yet confirmed: to an integrator, still withdrawn.
  if (row.status !== "confirmed") return "withdrawn";
  if (viewer.partnerSlug) {
    const scope = consentScopeFor(viewer);
    const inForce = parseConsentRecords(row.consentRecords).some((c) => c.scope === scope && c.withdrawn === null);
    if (!inForce) return "consent_withdrawn";
  }
  return null;
}

function required(value: string | null, field: string): string {
  if (value === null) throw new Error(`signature row without ${field}`);
  return value;
}

export function signatureResource(row: ResourceRow, slug: string, viewer: Viewer): OsdiSignature {
  const id = required(row.id, "id");
  const confirmedAt = required(row.confirmedAt, "confirmedAt");
  const common = {
    identifiers: [signatureIdentifier(id)],
    origin_system: ORIGIN_SYSTEM,
    created_date: confirmedAt,
    modified_date: required(row.updatedAt, "updatedAt"),
    action_date: required(row.createdAt, "createdAt"),
  };
  const links = { self: { href: signatureHref(slug, id) }, "osdi:petition": { href: petitionHref(slug) } };
  const removed = removedStatus(row, viewer);
  if (removed) {
    return {
      ...common,
      "speakout:status": removed,
      "speakout:confirmed_date": confirmedAt,
      _links: links,
      _embedded: { "osdi:person": { identifiers: [personIdentifier(id)] } },
    };
  }
  const scope = consentScopeFor(viewer);
  const consents = parseConsentRecords(row.consentRecords).filter((c) => viewer.partnerSlug === null || c.scope === scope);
  const subscribed = consents.some((c) => c.scope === scope && c.withdrawn === null);
  const name = splitName(row.fullName ?? "");
  return {
    ...common,
    comments: row.comment,
    referrer_data: { source: row.source, referrer: row.refCode, website: row.referrerHost, url: null },
    "speakout:status": "confirmed",
    "speakout:confirmed_date": confirmedAt,
    "speakout:embed_partner": row.partnerSlug,
    "speakout:utm": { source: row.utmSource, medium: row.utmMedium, campaign: row.utmCampaign, term: row.utmTerm, content: row.utmContent },
    "speakout:consents": consents.map((c) => ({ scope: c.scope, wording: c.wording, locale: c.locale, given_date: c.given, withdrawn_date: c.withdrawn })),
    _links: links,
    _embedded: {
      "osdi:person": {
        identifiers: [personIdentifier(id)],
        given_name: name.first || null,
        family_name: name.last || null,
        email_addresses: [{ address: required(row.email, "email"), primary: true, status: subscribed ? "subscribed" : "unsubscribed" }],
        postal_addresses: [{ country: required(row.country, "country"), primary: true }],
        languages_spoken: [required(row.locale, "locale")],
      },
    },
  };
}

/** One signature as a document of its own, with the curies that resolve its `osdi:` and `speakout:` names. */
export type OsdiSignatureDocument = Omit<OsdiSignature, "_links"> & {
  _links: { curies: ReturnType<typeof curies> } & OsdiSignature["_links"];
};

/**
 * The signature as GET /api/v1/petitions/<slug>/signatures/<id> answers it, and as a webhook
 * carries it under "osdi:signature": the resource, with the curies in its `_links`.
 */
export function signatureDocument(row: ResourceRow, slug: string, viewer: Viewer): OsdiSignatureDocument {
  const resource = signatureResource(row, slug, viewer);
  return { ...resource, _links: { curies: curies(), ...resource._links } };
}
