// First-touch attribution: how a signature reached the form: the landing URL's ?ref, ?utm_* (and
// ?partner in an embed) and the site the visitor came from. Everything here comes from the visitor
// and is treated as untrusted text, validated when the form is posted.
// No server-only code: the sign form (a client component) reads the landing URL with it.

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

/**
 * The attribution of a posted sign form. Campaign pages are cached, so nothing of the landing is in
 * the page: in the browser the form fills hidden fields from the URL and document.referrer; without
 * JavaScript the query string comes from the form post's Referer (the page the form was on, same
 * origin) and the referring site from the landing cookie (lib/sharing/landing-cookie.ts). Posted
 * fields win; the cookie (first touch) wins over the browser's referrer. Own hosts are no source.
 */
export function signingAttribution(form: FormData, request: { referer: string | null; landingHost: string | undefined; ownHosts: string[] }): Attribution {
  const own = new Set(request.ownHosts.map((h) => h.toLowerCase()));
  const posted = attributionFromForm(form);
  let page: Attribution = {};
  try {
    const url = request.referer ? new URL(request.referer) : null;
    if (url && own.has(url.host.toLowerCase())) page = attributionFromSearchParams(Object.fromEntries(url.searchParams));
  } catch {
    // not a URL: no page attribution
  }
  delete page.referrerHost;
  delete page.embed;
  const attribution: Attribution = { ...page, ...posted };
  const landing = text(request.landingHost?.toLowerCase(), HOST, 253);
  attribution.referrerHost = [landing, posted.referrerHost].find((host) => host !== undefined && !own.has(host));
  if (!attribution.embed) delete attribution.partner;
  return Object.fromEntries(Object.entries(attribution).filter(([, v]) => v !== undefined)) as Attribution;
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
