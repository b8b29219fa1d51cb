import { describe, expect, it } from "vitest";
import { robotsRules, sitemapEntries } from "@/lib/http/robots";

// What /robots.txt and /sitemap.xml say (app/robots.ts, app/sitemap.ts; ADR 056).

describe("robots.txt", () => {
  const rules = robotsRules("https://sign.example.org");

  it("keeps crawlers off the pages opened by secret links, the page after signing and the admin", () => {
    expect(rules.rules).toEqual({
      userAgent: "*",
      allow: "/",
      disallow: ["/confirm/", "/referrals/", "/withdraw/", "/c/*/check-email", "/admin", "/api/"],
    });
  });

  it("names the sitemap at APP_URL", () => {
    expect(rules.sitemap).toBe("https://sign.example.org/sitemap.xml");
  });
});

describe("sitemap.xml", () => {
  const absolute = (path: string) => `https://sign.example.org${path}`;

  it("lists each campaign page and its privacy notice at their canonical addresses, the default campaign first", () => {
    const entries = sitemapEntries(
      [
        { slug: "zebra-campaign", isDefault: false },
        { slug: "guterres-xinjiang", isDefault: true },
        { slug: "alpha-campaign", isDefault: false },
      ],
      absolute,
    );
    expect(entries.map((e) => e.url)).toEqual([
      "https://sign.example.org/c/guterres-xinjiang",
      "https://sign.example.org/privacy",
      "https://sign.example.org/c/alpha-campaign",
      "https://sign.example.org/c/alpha-campaign/privacy",
      "https://sign.example.org/c/zebra-campaign",
      "https://sign.example.org/c/zebra-campaign/privacy",
    ]);
  });
});
