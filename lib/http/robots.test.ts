import { describe, expect, it } from "vitest";
import { robotsRules, sitemapEntries } from "@/lib/http/robots";

// What /robots.txt and /sitemap.xml say (app/robots.ts, app/sitemap.ts; ADR 056).

describe("robots.txt", () => {
  const rules = robotsRules("https://sign.example.org");

  it("keeps crawlers off the pages opened by secret links, the page after signing and the admin", () => {
    expect(rules.rules).toEqual({
      userAgent: "*",
      allow: "/",
      disallow: [
        ...["", "/en", "/fr", "/es", "/ru", "/zh-Hans", "/ar", "/ug"].flatMap((prefix) => ["/confirm/", "/referrals/", "/withdraw/", "/c/*/check-email"].map((page) => `${prefix}${page}`)),
        "/admin",
        "/api/",
      ],
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

  it("names each page in every language, the default without a prefix", () => {
    const [page, privacy] = sitemapEntries([{ slug: "guterres-xinjiang", isDefault: true }], absolute);
    expect(page.alternates?.languages).toEqual({
      en: "https://sign.example.org/c/guterres-xinjiang",
      fr: "https://sign.example.org/fr/c/guterres-xinjiang",
      es: "https://sign.example.org/es/c/guterres-xinjiang",
      ru: "https://sign.example.org/ru/c/guterres-xinjiang",
      "zh-Hans": "https://sign.example.org/zh-Hans/c/guterres-xinjiang",
      ar: "https://sign.example.org/ar/c/guterres-xinjiang",
      ug: "https://sign.example.org/ug/c/guterres-xinjiang",
    });
    expect((privacy.alternates?.languages as Record<string, string>).ug).toBe("https://sign.example.org/ug/privacy");
  });
});
