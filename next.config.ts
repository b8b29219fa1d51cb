import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { serverActionOrigins } from "./lib/env";
import { routing } from "./lib/i18n/routing";
import { landingHostCookieRules } from "./lib/sharing/landing-cookie";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// The Content-Security-Policy here is a floor, for a server started without scripts/server.mjs:
// the app's server replaces it on every page with one that limits scripts (nonces on rendered
// pages, hashes on cached ones) and adds HSTS when APP_URL is https (lib/http/front.ts, ADR 048).
const securityHeaders = [
  // No other site may frame these pages (clickjacking on the sign and confirm buttons).
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
];

// Embeds are meant to be framed by partners' sites (any origin); nothing else may be framed.
const embedHeaders = [
  { key: "Content-Security-Policy", value: "frame-ancestors *; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
];

// Public pages live in app/[locale]; the default locale ("en") is also served without a prefix,
// and every other under /<locale> (docs/decisions/059-languages.md). Unprefixed paths are rewritten
// to the default locale's, except everything else: a locale's own paths, the admin, the API,
// Next's own files, embeds, preview images, and any file name with a dot (/embed.js, /c/<slug>/badge.svg).
const LOCALES = routing.locales.join("|");
const NOT_LOCALISED = `(?:${LOCALES})(?:/|$)|admin(?:/|$)|api/|_next/|embed(?:/|$)|og/`;
const LOCALISED_PAGE = `/:path((?!${NOT_LOCALISED})[^.]*)`;
/** Every public page, with or without a locale prefix (the landing cookie's rule). */
const PUBLIC_PAGE = `/:path((?!admin(?:/|$)|api/|_next/|embed(?:/|$)|og/|(?:${LOCALES})/embed(?:/|$))[^.]*)`;
const PARTNER = { type: "query" as const, key: "partner", value: "(?<partner>[a-z0-9-]{1,100})" };

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // An ETag is a hash of the whole page computed in JavaScript on every response: it cost an
  // eighth of the campaign page's serving time, for pages that change every few seconds anyway.
  generateEtags: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "nodemailer"],
  // Rewrites and redirects, not a proxy: a proxy (middleware) runs code on every request it
  // matches and halves what a cached page can serve (docs/decisions/040-campaign-pages-from-the-cache.md).
  // /en and /en/... are served as they are (not redirected to /): the language switcher links
  // there, so that a reader whose browser asks for another language can still choose English.
  async rewrites() {
    return {
      beforeFiles: [
        // Embeds: /embed/<slug> in the default locale, /<locale>/embed/<slug> in another, both in
        // app/embed/[locale]. A partner's embed is its own cached page, so its form carries the
        // partner and lists its box first.
        { source: `/:locale(${LOCALES})/embed/:slug`, has: [PARTNER], destination: "/embed/:locale/:slug/p/:partner" },
        { source: "/embed/:slug", has: [PARTNER], destination: `/embed/${routing.defaultLocale}/:slug/p/:partner` },
        { source: `/:locale(${LOCALES})/embed/:path*`, destination: "/embed/:locale/:path*" },
        { source: `/embed/:path((?!(?:${LOCALES})/).*)`, destination: `/embed/${routing.defaultLocale}/:path` },
        { source: "/", destination: "/en" },
        { source: LOCALISED_PAGE, destination: "/en/:path" },
      ],
    };
  },
  async headers() {
    return [
      ...landingHostCookieRules(PUBLIC_PAGE, "/embed/:path*", `/:locale(${LOCALES})/embed/:path*`),
      // Every path except /embed/...: several rules can match one path and a later rule cannot
      // remove X-Frame-Options, so the embed paths are left out here instead of overridden.
      { source: `/:path((?!embed/|(?:${LOCALES})/embed/).*)`, headers: securityHeaders },
      { source: "/embed/:path*", headers: embedHeaders },
      { source: `/:locale(${LOCALES})/embed/:path*`, headers: embedHeaders },
      // Confirmation links carry a secret: never leak it in a Referer, never index the page.
      {
        source: `/:locale(${LOCALES})?/confirm/:token`,
        headers: [
          // same-origin, not no-referrer: the button's POST must carry an Origin for the CSRF check.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Robots-Tag", value: "noindex" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      // The private referral page's link is a secret too.
      {
        source: `/:locale(${LOCALES})?/referrals/:token`,
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Robots-Tag", value: "noindex" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      // The signer's withdrawal link is a secret too (ADR 053).
      {
        source: `/:locale(${LOCALES})?/withdraw/:token`,
        headers: [
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Robots-Tag", value: "noindex" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
      // /admin and everything under it. The admin shows supporters' data: never cached, never indexed, no Referer beyond the site
      // (sign-in links carry a secret; same-origin keeps the Origin that Server Actions check).
      {
        source: "/admin/:path*",
        headers: [
          { key: "Cache-Control", value: "no-store" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  experimental: {
    serverActions: {
      // Read when the server starts (next.config.ts is loaded again by `next start`), not at build.
      allowedOrigins: serverActionOrigins(),
    },
    // forbidden() for partner admins on owner-only pages (app/admin/forbidden.tsx, status 403).
    authInterrupts: true,
    // Cached pages stay in memory (an LRU of 50 MB), never on disk: a URL with a made-up slug
    // renders a 404 that Next caches like any page, and on disk those would pile up without bound.
    isrFlushToDisk: false,
    // The stylesheet goes into the page: no render-blocking request before the first paint.
    inlineCss: true,
  },
};

export default withNextIntl(nextConfig);
