// First-touch attribution: how a signature reached the form. Read from the landing URL (?ref,
// ?utm_*, ?partner) and the Referer, carried in hidden form fields so it also works without
// JavaScript and inside third-party iframes (no cookie), and validated again when the form is
// posted: everything here comes from the visitor and is treated as untrusted text.
// No server-only code: the sign form (a client component) imports the field names.

export const ATTRIBUTION_FIELDS = {
  ref: "ref",
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
  utmTerm: "utm_term",
  utmContent: "utm_content",
  referrerHost: "referrer_host",
  partner: "partner",
  embed: "embed",
} as const;

export type Attribution = {
  refCode?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  referrerHost?: string;
  /** slug of the partner named in ?partner= (checked against the campaign when signing) */
  partner?: string;
  /** the form was shown in the embed (/embed/<slug>) */
  embed?: boolean;
};

export type SignatureSource = "direct" | "referral" | "embed" | "utm";

const MAX_UTM = 100;
const REF = /^[A-Za-z0-9_-]{1,32}$/;
const SLUG = /^[a-z0-9-]{1,100}$/;
// Printable text without control characters, bidi overrides or markup-significant characters.
const UTM = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069<>"'`\\]+$/u;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

type Read = (name: string) => string | undefined;

function text(value: string | undefined, pattern: RegExp, max: number): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.normalize("NFC").trim();
  if (trimmed === "" || trimmed.length > max || !pattern.test(trimmed)) return undefined;
  return trimmed;
}

function fromReader(read: Read): Attribution {
  const f = ATTRIBUTION_FIELDS;
  const attribution: Attribution = {
    refCode: text(read(f.ref), REF, 32),
    utmSource: text(read(f.utmSource), UTM, MAX_UTM),
    utmMedium: text(read(f.utmMedium), UTM, MAX_UTM),
    utmCampaign: text(read(f.utmCampaign), UTM, MAX_UTM),
    utmTerm: text(read(f.utmTerm), UTM, MAX_UTM),
    utmContent: text(read(f.utmContent), UTM, MAX_UTM),
    referrerHost: text(read(f.referrerHost)?.toLowerCase(), HOST, 253),
    partner: text(read(f.partner), SLUG, 100),
    embed: read(f.embed) === "1" ? true : undefined,
  };
  return Object.fromEntries(Object.entries(attribution).filter(([, v]) => v !== undefined)) as Attribution;
}

/** From a page's search params (Next gives string | string[]; only the first value counts). */
export function attributionFromSearchParams(params: Record<string, string | string[] | undefined>): Attribution {
  return fromReader((name) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  });
}

/** From the hidden fields of a posted sign form. */
export function attributionFromForm(form: FormData): Attribution {
  return fromReader((name) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  });
}

/** The host of a Referer header, unless it is this site itself (navigation inside the site is no source). */
export function referrerHostFrom(referer: string | null, ownOrigin: string): string | undefined {
  if (!referer) return undefined;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.origin === new URL(ownOrigin).origin) return undefined;
  return text(url.host.toLowerCase(), HOST, 253);
}

/** The hidden inputs that carry an attribution through the sign form: [name, value] pairs. */
export function attributionFields(attribution: Attribution): [string, string][] {
  const f = ATTRIBUTION_FIELDS;
  const pairs: [string, string | undefined][] = [
    [f.ref, attribution.refCode],
    [f.utmSource, attribution.utmSource],
    [f.utmMedium, attribution.utmMedium],
    [f.utmCampaign, attribution.utmCampaign],
    [f.utmTerm, attribution.utmTerm],
    [f.utmContent, attribution.utmContent],
    [f.referrerHost, attribution.referrerHost],
    [f.partner, attribution.partner],
    [f.embed, attribution.embed ? "1" : undefined],
  ];
  return pairs.filter((p): p is [string, string] => p[1] !== undefined);
}

/**
 * One source per signature. Precedence: "embed" (the form sat on a partner's site: where the
 * signature was made is a fact, and the partner is also kept in partnerId), then "referral" (a
 * known signer's code), then "utm" (campaign-tagged link, no known code), else "direct". The other
 * facts (refCode, referredById, utm_*, referrerHost) are stored whatever the source.
 */
export function signatureSource(facts: { embed: boolean; knownReferrer: boolean; hasUtm: boolean }): SignatureSource {
  if (facts.embed) return "embed";
  if (facts.knownReferrer) return "referral";
  if (facts.hasUtm) return "utm";
  return "direct";
}
