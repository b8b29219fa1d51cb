import { apiBase, curies, NAMESPACE } from "@/lib/integrations/hal";

// The documentation the `speakout` curie points to: GET /api/v1/rels/<name> describes one
// extension field of ours, as the curie `${apiBase()}/rels/{rel}` promises a HAL client
// (docs/decisions/055-osdi-conformance.md). OSDI's own names resolve to the OSDI documentation.

export type Rel = { name: string; applies_to: string; type: string; description: string };

export const RELS: Rel[] = [
  {
    name: "status",
    applies_to: "osdi:signature",
    type: "string: confirmed | withdrawn | invalidated | erased | consent_withdrawn",
    description:
      "Where the signature stands. Anything but `confirmed` is a tombstone: identifiers, dates and this status, with no personal data, so that a sync deletes the person it imported. `withdrawn` also covers a signer who withdrew and signed again but has not confirmed yet. `consent_withdrawn` is seen by a partner token when the supporter withdrew the consent to that partner.",
  },
  {
    name: "confirmed_date",
    applies_to: "osdi:signature",
    type: "string (ISO 8601)",
    description: "When the signer confirmed the signature by the link in the email (double opt-in). `action_date` is when they signed.",
  },
  {
    name: "embed_partner",
    applies_to: "osdi:signature",
    type: "string or null",
    description: "The slug of the partner whose embedded form the signature came through, or null when it came through the campaign's own page.",
  },
  {
    name: "utm",
    applies_to: "osdi:signature",
    type: "object: source, medium, campaign, term, content (each a string or null)",
    description: "The utm_* parameters of the link the signer first arrived by (first touch).",
  },
  {
    name: "consents",
    applies_to: "osdi:signature",
    type: "array of { scope, wording, locale, given_date, withdrawn_date }",
    description:
      "The consents within the token's scope, with the exact wording the signer agreed to, the page's locale and the times. `scope` is `campaign` (updates about this campaign) or `partner:<slug>`. `email_addresses[].status` is derived from them: `subscribed` while the consent of the token's scope is given and not withdrawn.",
  },
  {
    name: "cursor",
    applies_to: "collection links",
    type: "query parameter",
    description:
      "The `next` link of a page carries `cursor`, where the page before ended, so that following `next` links neither skips nor repeats a record while signatures arrive. `page` alone works too; follow the link as it is.",
  },
];

export function relHref(name: string): string {
  return `${apiBase()}/rels/${name}`;
}

/** GET /api/v1/rels: every extension field, linked. */
export function relsIndex(): object {
  return {
    namespace: NAMESPACE,
    rels: RELS.map((rel) => ({ name: `${NAMESPACE}:${rel.name}`, applies_to: rel.applies_to, href: relHref(rel.name) })),
    _links: { curies: curies(), self: { href: `${apiBase()}/rels` }, up: { href: apiBase(), title: "The API entry point" } },
  };
}

/** GET /api/v1/rels/<name>: one field's documentation, or null for a name we do not define. */
export function relDocument(name: string): object | null {
  const rel = RELS.find((r) => r.name === name || `${NAMESPACE}:${r.name}` === name);
  if (!rel) return null;
  return {
    name: `${NAMESPACE}:${rel.name}`,
    applies_to: rel.applies_to,
    type: rel.type,
    description: rel.description,
    _links: { curies: curies(), self: { href: relHref(rel.name) }, index: { href: `${apiBase()}/rels` } },
  };
}
