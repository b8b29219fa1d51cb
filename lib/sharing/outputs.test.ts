import { crc32, deflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

// Share links, embed snippets, the badge and the PNG description: what partners and supporters get.

const APP_URL = "https://sign.example.org";
let shareLinks: typeof import("@/lib/sharing/share-links");
let snippets: typeof import("@/lib/sharing/embed-snippets");
let badge: typeof import("@/lib/sharing/badge");
let png: typeof import("@/lib/sharing/png-text");
let embed: typeof import("@/lib/sharing/embed");

beforeAll(async () => {
  process.env.APP_URL = APP_URL;
  shareLinks = await import("@/lib/sharing/share-links");
  snippets = await import("@/lib/sharing/embed-snippets");
  badge = await import("@/lib/sharing/badge");
  png = await import("@/lib/sharing/png-text");
  embed = await import("@/lib/sharing/embed");
});

const campaign = { slug: "guterres-xinjiang", title: "Secretary-General, speak out on Xinjiang" };

describe("share links", () => {
  it("carry the code, utm_source=<channel> and utm_medium=share", () => {
    expect(shareLinks.shareUrl("guterres-xinjiang", "en", "whatsapp", "abcdefghjk")).toBe(
      `${APP_URL}/c/guterres-xinjiang?ref=abcdefghjk&utm_source=whatsapp&utm_medium=share`,
    );
    expect(shareLinks.shareUrl("guterres-xinjiang", "en", "copy")).toBe(`${APP_URL}/c/guterres-xinjiang?utm_source=copy&utm_medium=share`);
  });

  it("exist for every channel, each with its own prefilled message and tagged URL", () => {
    const set = shareLinks.shareSet(campaign, "en", "abcdefghjk");
    expect(set.links.map((l) => l.channel)).toEqual(["email", "whatsapp", "telegram", "x", "facebook", "bluesky", "linkedin"]);
    const href = Object.fromEntries(set.links.map((l) => [l.channel, l.href]));
    const tagged = (channel: string) => `${APP_URL}/c/guterres-xinjiang?ref=abcdefghjk&utm_source=${channel}&utm_medium=share`;

    const mail = new URL(href.email);
    expect(mail.protocol).toBe("mailto:");
    expect(mail.searchParams.get("subject")).toBe(`Will you sign? ${campaign.title}`);
    expect(mail.searchParams.get("body")).toContain(`I have just signed "${campaign.title}"`);
    expect(mail.searchParams.get("body")).toContain(tagged("email"));
    expect(new URL(href.whatsapp).searchParams.get("text")).toBe(`I signed "${campaign.title}". Will you add your name? ${tagged("whatsapp")}`);
    expect(new URL(href.telegram).searchParams.get("url")).toBe(tagged("telegram"));
    expect(new URL(href.telegram).searchParams.get("text")).toBe(`I signed "${campaign.title}". Will you add your name?`);
    expect(new URL(href.x).searchParams.get("url")).toBe(tagged("x"));
    expect(new URL(href.x).searchParams.get("text")).toBe(`I signed "${campaign.title}". Add your name:`);
    expect(new URL(href.facebook).searchParams.get("u")).toBe(tagged("facebook"));
    expect(new URL(href.bluesky).searchParams.get("text")).toContain(tagged("bluesky"));
    expect(new URL(href.linkedin).searchParams.get("url")).toBe(tagged("linkedin"));
    expect(set.copyUrl).toBe(tagged("copy"));
    expect(set.webShare.url).toBe(tagged("webshare"));
  });
});

describe("share texts before signing", () => {
  it("ask others to sign and claim nothing (the campaign and check-email pages, ADR 057)", () => {
    const set = shareLinks.shareSet(campaign, "en", null, false);
    const href = Object.fromEntries(set.links.map((l) => [l.channel, l.href]));
    expect(new URL(href.whatsapp).searchParams.get("text")).toBe(`Will you add your name to "${campaign.title}"? ${APP_URL}/c/guterres-xinjiang?utm_source=whatsapp&utm_medium=share`);
    expect(new URL(href.x).searchParams.get("text")).toBe(`Will you add your name to "${campaign.title}"?`);
    expect(new URL(href.email).searchParams.get("body")).not.toContain("signed");
    expect(set.webShare.text).toBe(`Will you add your name to "${campaign.title}"?`);
    for (const link of set.links) expect(decodeURIComponent(link.href)).not.toContain("I signed");
    // Without a referral code, the default is the same.
    expect(shareLinks.shareSet(campaign, "en")).toEqual(set);
  });
});

describe("embed snippets", () => {
  it("give each partner an iframe of /embed/<slug>?partner=<slug> and the resize script", () => {
    const result = snippets.embedSnippets(campaign, [
      { slug: "fidh", name: "International Federation for Human Rights" },
      { slug: "human-rights-watch", name: "Human Rights Watch" },
    ]);
    expect(result.map((s) => s.partnerSlug)).toEqual(["fidh", "human-rights-watch"]);
    expect(result[0].iframeUrl).toBe(`${APP_URL}/embed/guterres-xinjiang?partner=fidh`);
    expect(result[0].html).toBe(
      [
        `<iframe src="${APP_URL}/embed/guterres-xinjiang?partner=fidh" title="Secretary-General, speak out on Xinjiang" data-speakout-embed`,
        `  style="width:100%;max-width:520px;border:0" height="720" loading="lazy"></iframe>`,
        `<script src="${APP_URL}/embed.js" async></script>`,
      ].join("\n"),
    );
  });

  it("are the ones the README shows", async () => {
    const fs = await import("node:fs");
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const [fidh] = snippets.embedSnippets(campaign, [{ slug: "fidh", name: "International Federation for Human Rights" }]);
    expect(readme).toContain(fidh.html);
  });

  it("frame the form in another language under its prefix, and say the language", () => {
    const [wuc] = snippets.embedSnippets({ slug: "guterres-xinjiang", title: "ب د ت باش كاتىپى" }, [{ slug: "world-uyghur-congress", name: "World Uyghur Congress" }], "ug");
    expect(new URL(wuc.iframeUrl).pathname).toBe("/ug/embed/guterres-xinjiang");
    expect(new URL(wuc.iframeUrl).searchParams.get("partner")).toBe("world-uyghur-congress");
    expect(wuc.html).toContain('lang="ug"');
    expect(new URL(snippets.embedUrl("guterres-xinjiang", "fidh", "en")).pathname).toBe("/embed/guterres-xinjiang");
  });

  it("escape a title with markup", () => {
    expect(snippets.embedSnippet({ slug: "x", title: 'A "quoted" <b>title</b>' })).toContain('title="A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;"');
  });

  it("put the hosting partner first in the embed's consent boxes", () => {
    const partners = ["a", "b", "c"].map((slug) => ({ id: `id-${slug}`, slug, name: slug.toUpperCase(), shortName: slug, url: "https://example.org" }));
    expect(embed.embedPartners({ partners }, "c").ordered.map((p) => p.slug)).toEqual(["c", "a", "b"]);
    expect(embed.embedPartners({ partners }, "zzz")).toEqual({ host: undefined, ordered: partners });
    expect(embed.embedPartners({ partners }).ordered).toBe(partners);
  });
});

describe("the count badge", () => {
  it("is an SVG image whose accessible name states the campaign and the count", () => {
    const svg = badge.countBadgeSvg(campaign, 12345, "en");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="24"/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="${campaign.title}: 12,345 confirmed signatures"`);
    expect(svg).toContain(`<title>${campaign.title}: 12,345 confirmed signatures</title>`);
    expect(svg).toContain(">12,345 signatures</text>");
    expect(badge.countBadgeSvg(campaign, 1, "en")).toContain(">1 signature</text>");
  });

  it("escapes the campaign title", () => {
    expect(badge.countBadgeSvg({ title: "<script>x</script>" }, 0, "en")).not.toContain("<script>");
  });

  it("speaks the locale asked for: Arabic plural forms laid out right to left, Chinese sized for wide characters", () => {
    const ar = badge.countBadgeSvg({ title: "العنوان" }, 11, "ar");
    expect(ar).toContain('xml:lang="ar"');
    expect(ar).toMatch(/<text x="\d+" direction="rtl" y="16"[^>]*>11 توقيعًا<\/text>/);
    expect(badge.countBadgeSvg({ title: "t" }, 2, "ar")).toContain(">توقيعان</text>");
    const zh = badge.countBadgeSvg({ title: "标题" }, 5, "zh-Hans");
    const en = badge.countBadgeSvg({ title: "t" }, 5, "en");
    expect(zh).toContain(">5个签名</text>");
    // The label's box holds three wide characters and a digit, with 8px either side.
    const labelBox = Number(/<rect x="\d+" width="(\d+)"/.exec(zh)![1]);
    expect(labelBox).toBeGreaterThanOrEqual(3 * 12 + 7 + 16);
    expect(en).not.toContain('direction="rtl"');
  });
});

/** A valid 2×1 PNG built by hand. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from([0, 0, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("the preview PNG's description", () => {
  it("is a tEXt chunk after IHDR that reads back with the size", () => {
    const out = png.withPngText(tinyPng(), "Description", "To: António Guterres. 3 people have signed.");
    expect(png.readPng(out)).toEqual({ width: 2, height: 1, text: { Description: "To: António Guterres. 3 people have signed." } });
    expect(out.toString("latin1", 37, 41)).toBe("tEXt");
  });
  it("replaces characters outside Latin-1 and refuses what is not a PNG", () => {
    expect(png.readPng(png.withPngText(tinyPng(), "Description", "维吾尔")).text.Description).toBe("???");
    expect(() => png.withPngText(Buffer.from("GIF89a"), "Description", "x")).toThrow("not a PNG");
  });
});

describe("the preview image cache", () => {
  it("renders once per key, again for a new key, and forgets a failed render", async () => {
    const { cachedPreview } = await import("@/lib/sharing/preview-cache");
    let renders = 0;
    const render = async () => Buffer.from(String((renders += 1)));
    expect(String(await cachedPreview("c:en:1", render))).toBe("1");
    expect(String(await cachedPreview("c:en:1", render))).toBe("1");
    expect(String(await cachedPreview("c:en:2", render))).toBe("2");
    await expect(cachedPreview("c:en:3", () => Promise.reject(new Error("font missing")))).rejects.toThrow("font missing");
    expect(String(await cachedPreview("c:en:3", render))).toBe("3");
  });
});
