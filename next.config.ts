import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const securityHeaders = [
  // No other site may frame these pages (clickjacking on the sign and confirm buttons).
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Confirmation links carry a secret: never leak it in a Referer, never index the page.
      {
        source: "/:locale(en)?/confirm/:token",
        headers: [
          // same-origin, not no-referrer: the button's POST must carry an Origin for the CSRF check.
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
  // forbidden() for partner admins on owner-only pages (app/admin/forbidden.tsx, status 403).
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
