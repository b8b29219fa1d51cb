import { createHash, randomBytes } from "node:crypto";
import { match as matchLocale } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { env, EnvError, type Env } from "@/lib/env";
import { errorPageHtml } from "@/lib/http/error-page";
import { API_METHODS, PAGE_METHODS, STATIC_METHODS } from "@/lib/http/methods";
import { isLocale, routing } from "@/lib/i18n/routing";

// The front of the app's HTTP server (scripts/server.mjs), in front of Next.js: what a reverse
// proxy would do, in the same process, before Next sees a request. It runs no code that Next's
// cache would have to wait for: a few string checks per request, and on cached pages a lookup of
// the page's Content-Security-Policy by its body (computed once per rendering of the page).
// Decisions: docs/decisions/047-client-address-from-the-socket.md (the client address),
// 048-content-security-policy.md (the CSP), 049-clear-4xx-at-the-front.md (the refusals).

export type FrontConfig = {
  /** APP_URL's origin: the only origin a state-changing request may come from. */
  appOrigin: string;
  /** APP_URL is https: HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** The largest request body accepted (Server Actions' own limit, bytes). */
  bodyLimitBytes: number;
  /** TRUSTED_PROXY_HOPS: proxies in front of the app. */
  trustedProxyHops: number;
};

/** Next's default limit for a Server Action's body (next.config.ts `serverActions.bodySizeLimit`). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

// scripts/server.mjs reads the configuration through this module.
export { env, EnvError };

export function frontConfig(e: Env = env()): FrontConfig {
  const url = new URL(e.APP_URL);
  return { appOrigin: url.origin, https: url.protocol === "https:", bodyLimitBytes: BODY_LIMIT_BYTES, trustedProxyHops: e.TRUSTED_PROXY_HOPS };
}

// ---------------------------------------------------------------------------------------------
// The client address (ADR 047)

/**
 * X-Forwarded-For with the socket's address appended, as every proxy does. The app then counts
 * TRUSTED_PROXY_HOPS entries from the right (lib/security/rate-limit.ts clientKeyFrom): with no
 * trusted proxy the last entry, the socket's, is the client whatever the client sent.
 */
export function forwardedForWithSocket(existing: string | string[] | undefined, socketAddress: string | undefined): string {
  const sent = (Array.isArray(existing) ? existing.join(", ") : existing ?? "").trim();
  const own = socketAddress || "unknown";
  return sent ? `${sent}, ${own}` : own;
}

const PRIVATE_ADDRESS = /^(?:::ffff:)?(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)|^::1$|^f[cd][0-9a-f]{2}:/i;

/**
 * A hint for the log when a request forwarded by what looks like a proxy (an X-Forwarded-For from
 * a private or loopback address) arrives while TRUSTED_PROXY_HOPS is 0: every visitor would then
 * share the proxy's address and its limits. Never names an address.
 */
export function proxyHint(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, config: FrontConfig): string | null {
  if (config.trustedProxyHops > 0 || !forwardedFor || !socketAddress || !PRIVATE_ADDRESS.test(socketAddress)) return null;
  return "[front] A request came through a proxy on this machine or network (it sent X-Forwarded-For) while TRUSTED_PROXY_HOPS=0: the client address is the proxy's, so every visitor shares one rate limit. Behind one proxy set TRUSTED_PROXY_HOPS=1 (docs/deployment.md).";
}

// ---------------------------------------------------------------------------------------------
// The API's addresses with a trailing slash

/**
 * The request's URL as Next should see it: an API address ending in "/" (`/api/v1/`, the entry
 * point as OSDI clients often write it) without the slash, so that it answers at once rather than
 * with Next's 308 to the address without it. Pages keep Next's redirect. The query stays.
 */
export function rewrittenUrl(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q === -1 ? raw : raw.slice(0, q);
  if (!pathname.startsWith("/api/") || !pathname.endsWith("/")) return raw;
  const trimmed = pathname.replace(/\/+$/, "");
  return q === -1 ? trimmed : trimmed + raw.slice(q);
}

// ---------------------------------------------------------------------------------------------
// Refusals (ADR 049)

export type Refusal = { status: 400 | 403 | 405 | 411 | 413; code: string; message: string; allow?: string };

type RequestLike = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

function header(req: RequestLike, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why the front refuses a request before Next sees it, or null to pass it on. */
export function refusal(req: RequestLike, config: FrontConfig): Refusal | null {
  const pathname = (req.url ?? "/").split("?", 1)[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, code: "bad_path", message: "The address has a malformed percent-encoding (such as %ff): check the link." };
  }
  const method = (req.method ?? "GET").toUpperCase();
  const allowed = pathname.startsWith("/api/") ? API_METHODS : pathname.startsWith("/_next/") ? STATIC_METHODS : PAGE_METHODS;
  if (!allowed.split(", ").includes(method)) {
    return { status: 405, code: "method_not_allowed", message: `This address answers ${allowed.replace(/, (?=\w+$)/, " and ")} only.`, allow: allowed };
  }
  if (method !== "POST") return null;
  const origin = header(req, "origin");
  if (!origin || origin === "null") {
    return { status: 403, code: "missing_origin", message: "The form was sent without an Origin header, so we cannot tell it came from this site. Please send it again from the page." };
  }
  if (origin !== config.appOrigin) {
    return { status: 403, code: "cross_origin", message: "The form was sent from another site. Please sign from the campaign page itself." };
  }
  // Browsers send a Content-Length with every form and Server Action. Without one (a chunked body)
  // Next would find an oversize body only while reading it, and answer 500.
  const declared = header(req, "content-length");
  if (declared === undefined) {
    return { status: 411, code: "length_required", message: "The form was sent without a Content-Length. Please send it again from the page." };
  }
  const length = Number(declared);
  if (length > config.bodyLimitBytes) {
    return { status: 413, code: "body_too_large", message: `The form sent ${length} bytes, more than the ${config.bodyLimitBytes} allowed. Please shorten what you typed.` };
  }
  return null;
}

const TITLES: Record<Refusal["status"], string> = {
  400: "This link is not valid",
  403: "This request was refused",
  411: "This request was refused",
  405: "This kind of request is not supported here",
  413: "What you sent is too large",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The refusal as a page for people, or as JSON for programs (/api/...), as lib/http/unavailable.ts answers. */
export function refusalResponse(refusal: Refusal, pathname: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (refusal.allow) headers.Allow = refusal.allow;
  if (pathname.startsWith("/api/")) {
    headers["Content-Type"] = "application/json";
    return { headers, body: JSON.stringify({ error: refusal.code, message: refusal.message }) };
  }
  headers["Content-Type"] = "text/html; charset=utf-8";
  const title = TITLES[refusal.status];
  const body = errorPageHtml(title, `<p>${escapeHtml(refusal.message)}</p>`);
  return { headers, body };
}

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy (ADR 048)

/** A fresh nonce for one response (128 random bits). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

function common(config: FrontConfig, framable: boolean): string {
  return [
    "default-src 'self'",
    // Next inlines the stylesheet (experimental.inlineCss) and React writes style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Embeds are framed by partners' sites (any origin); nothing else may be framed (ADR 013).
    `frame-ancestors ${framable ? "*" : "'none'"}`,
    ...(config.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** What the request carries into Next, so that Next puts the nonce on every script it writes. */
export function requestCsp(nonce: string): string {
  return `script-src 'nonce-${nonce}' 'strict-dynamic'`;
}

/** The CSP of a page rendered for this request: only scripts with its nonce, and what they load. */
export function renderedPageCsp(config: FrontConfig, nonce: string, framable: boolean): string {
  return `${common(config, framable)}; script-src 'nonce-${nonce}' 'strict-dynamic'`;
}

/** The CSP of a page from Next's cache: this origin's script files and the page's own inline scripts by hash. */
export function cachedPageCsp(config: FrontConfig, hashes: string[], framable: boolean): string {
  return `${common(config, framable)}; script-src 'self'${hashes.map((h) => ` '${h}'`).join("")}`;
}

/** The CSP of the front's own error pages: no script at all. */
export function refusalCsp(): string {
  return "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const FLIGHT_START = "(self.__next_f=self.__next_f||[]).push([0])";
const FLIGHT_PUSH = /^self\.__next_f\.push\((\[[\s\S]*\])\)$/;
const TURBOPACK_BOOT = /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\((\{[\s\S]*\})\);?$/;

function parses(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * Whether an inline script is one Next writes into a page: the flight data's start, a push of
 * flight data (a number and strings: data, no code) or the bundler's list of chunks (an object
 * literal). Any other inline script, such as one injected into the page, gets no hash and so
 * does not run.
 */
export function isNextInlineScript(code: string): boolean {
  if (code === FLIGHT_START) return true;
  const push = FLIGHT_PUSH.exec(code);
  if (push) {
    const value = parses(push[1]);
    return Array.isArray(value) && typeof value[0] === "number" && value.slice(1).every((v) => typeof v === "string");
  }
  const boot = TURBOPACK_BOOT.exec(code);
  if (boot) {
    const value = parses(boot[1]);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  }
  return false;
}

/** The CSP hash sources ('sha256-…') of the inline scripts Next wrote into a page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, code] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || !isNextInlineScript(code)) continue;
    hashes.add(`sha256-${createHash("sha256").update(code, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

/** HSTS, when APP_URL is https (a year; subdomains are left to their own sites). */
export function hstsHeader(config: FrontConfig): string | undefined {
  return config.https ? "max-age=31536000" : undefined;
}

// ---------------------------------------------------------------------------------------------
// Languages (docs/decisions/059-languages.md)

/** An embed, in the default locale (/embed/...) or another (/<locale>/embed/...): the only pages partners may frame. */
export function isEmbedPath(pathname: string): boolean {
  if (pathname.startsWith("/embed/")) return true;
  const slash = pathname.indexOf("/", 1);
  return slash > 1 && isLocale(pathname.slice(1, slash)) && pathname.startsWith("/embed/", slash);
}

/** The unprefixed landing pages whose language follows the browser's: the home page and a campaign's page. */
const NEGOTIATED = /^\/(?:c\/[a-z0-9-]{1,100})?$/;

/** Whether a request's answer depends on Accept-Language (it must then say so in Vary, for caches). */
export function isNegotiated(url: string | undefined): boolean {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return NEGOTIATED.test(q === -1 ? raw : raw.slice(0, q));
}

/**
 * Where a first view of / or /c/<slug> in a browser that prefers another of our languages goes:
 * the same page under that locale's prefix, with the query (?ref=, utm_*) kept; null to serve the
 * default locale's page. The pages themselves stay cached: the choice is made here, before Next, from
 * Accept-Language alone (no cookie: the language switcher links to /en for English, which is never
 * redirected).
 */
export function languageRedirect(method: string | undefined, url: string | undefined, acceptLanguage: string | string[] | undefined): string | null {
  if ((method !== "GET" && method !== "HEAD") || !acceptLanguage) return null;
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  const pathname = q === -1 ? raw : raw.slice(0, q);
  if (!NEGOTIATED.test(pathname)) return null;
  const locale = negotiatedLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage);
  if (locale === routing.defaultLocale) return null;
  return `/${locale}${pathname === "/" ? "" : pathname}${q === -1 ? "" : raw.slice(q)}`;
}

/** The best of our locales for an Accept-Language header (q-values honoured), the default when none fits. */
export function negotiatedLocale(acceptLanguage: string): string {
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage.slice(0, 1000) } })
    .languages()
    .filter((tag) => tag !== "*" && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag))
    .slice(0, 20);
  try {
    return matchLocale(requested, routing.locales as readonly string[] as string[], routing.defaultLocale);
  } catch {
    // A tag Intl rejects (well-formed but not valid BCP 47): the default, as for no header at all.
    return routing.defaultLocale;
  }
}
