import { env } from "@/lib/env";

// The integration API's HAL vocabulary, shared by the API's resources (lib/integrations/osdi.ts),
// its entry point and the webhook payloads: one place for the base URL, the curies and the names
// OSDI clients read (docs/api.md, docs/decisions/055-osdi-conformance.md).

export const ORIGIN_SYSTEM = "Speak Out";
/** OSDI's `namespace`: the prefix of our identifiers ("speakout:<id>") and extension fields. */
export const NAMESPACE = "speakout";
export const OSDI_VERSION = "1.2.0";
/** The largest `per_page` a collection serves (the AEP's `max_pagesize`). */
export const MAX_PAGESIZE = 500;
export const DEFAULT_PER_PAGE = 100;

export type Link = { href: string; title?: string };

/** "https://…/api/v1", without a trailing slash. */
export function apiBase(): string {
  return `${env().APP_URL}/api/v1`;
}

/** The curies every answer declares, so `osdi:…` and `speakout:…` names resolve to their documentation. */
export function curies(): { name: string; href: string; templated: true }[] {
  return [
    { name: "osdi", href: "https://opensupporter.github.io/osdi-docs/{rel}", templated: true },
    { name: NAMESPACE, href: `${apiBase()}/rels/{rel}`, templated: true },
  ];
}

export function petitionHref(slug: string): string {
  return `${apiBase()}/petitions/${encodeURIComponent(slug)}`;
}

export function signaturesHref(slug: string): string {
  return `${petitionHref(slug)}/signatures`;
}

export function signatureHref(slug: string, id: string): string {
  return `${signaturesHref(slug)}/${encodeURIComponent(id)}`;
}
