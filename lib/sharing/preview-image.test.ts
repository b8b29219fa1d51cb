import { create, type Font } from "fontkit";
import { createElement } from "react";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { PreviewCardData } from "@/lib/sharing/preview";

// The link-preview images per locale: the picture a chat app shows under a shared link, in the
// reader's language and script, right to left for Arabic and Uyghur.

const APP_URL = "https://sign.example.org";
let image: typeof import("@/lib/sharing/preview-image");
let fonts: typeof import("@/lib/sharing/preview-fonts");
let bidi: typeof import("@/lib/sharing/bidi-runs");
let preview: typeof import("@/lib/sharing/preview");
let card: typeof import("@/components/share/PreviewCard");
let shaping: typeof import("@/lib/sharing/arabic-shaping");

beforeAll(async () => {
  process.env.APP_URL = APP_URL;
  image = await import("@/lib/sharing/preview-image");
  fonts = await import("@/lib/sharing/preview-fonts");
  bidi = await import("@/lib/sharing/bidi-runs");
  preview = await import("@/lib/sharing/preview");
  card = await import("@/components/share/PreviewCard");
  shaping = await import("@/lib/sharing/arabic-shaping");
});

const base = { siteName: "Speak out", host: "sign.example.org", alt: "", count: 12345 };
const CARDS: Record<string, PreviewCardData> = {
  ar: { ...base, direction: "rtl", to: "إلى: António Guterres", title: "أضِف اسمك: 12,345 شخصًا وقّعوا — António Guterres", countText: "12,345 توقيعًا", cta: "أضف اسمك" },
  ug: { ...base, direction: "rtl", to: "António Guterres غا", title: "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ — 12,345 كىشى ئىمزا قويدى", countText: "12,345 ئىمزا", cta: "ئىسمىڭىزنى قوشۇڭ" },
  fr: { ...base, direction: "ltr", to: "À : António Guterres", title: "Secrétaire général de l’ONU, parlez du Xinjiang", countText: "12 345 signatures", cta: "Ajoutez votre nom" },
  "zh-Hans": { ...base, direction: "ltr", to: "致：António Guterres", title: "联合国秘书长，请就新疆问题公开表态", countText: "12,345 人已签名", cta: "添加您的名字" },
};

/** Grey pixels of a PNG, and where the topmost ink is (an alef rises above the letters around it). */
async function ink(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let left = Infinity, right = -1, top = Infinity, topX = -1;
  for (let x = 0; x < info.width; x++) {
    for (let y = 0; y < info.height; y++) {
      if (data[y * info.width + x] >= 128) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      if (y < top) [top, topX] = [y, x];
      break;
    }
  }
  return { left, right, topX, share: (topX - left) / (right - left) };
}

/** One line of text as the card lays it out, black on white. */
async function renderLine(text: string, direction: "ltr" | "rtl") {
  const { ImageResponse } = await import("next/og");
  const element = createElement(
    "div",
    { style: { display: "flex", justifyContent: "center", background: "#fff", color: "#000", width: "100%", height: "100%", fontFamily: "Noto Sans" } },
    createElement(card.BidiText, { text, direction, style: { fontSize: 60, flexWrap: "nowrap" } }),
  );
  const response = new ImageResponse(element, { width: 900, height: 120, fonts: await fonts.previewFonts(text) });
  return Buffer.from(await response.arrayBuffer());
}

/** A text given to the renderer as it is, centred like `renderLine`. */
async function renderPlain(text: string) {
  const { ImageResponse } = await import("next/og");
  const element = createElement("div", { style: { display: "flex", justifyContent: "center", background: "#fff", color: "#000", width: "100%", height: "100%", fontFamily: "Noto Sans", fontSize: 60 } }, text);
  const response = new ImageResponse(element, { width: 900, height: 120, fonts: await fonts.previewFonts(text) });
  return Buffer.from(await response.arrayBuffer());
}

/** How many dark pixels each column of a PNG has (the same for a picture moved up or down). */
async function columns(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return Array.from({ length: info.width }, (_, x) => {
    let dark = 0;
    for (let y = 0; y < info.height; y++) if (data[y * info.width + x] < 128) dark++;
    return dark;
  });
}

describe("preview images per locale", () => {
  it.each(Object.keys(CARDS))("%s: a valid 1200×630 PNG", async (locale) => {
    const png = await image.renderPreviewPng(CARDS[locale]);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  });

  it.each(Object.keys(CARDS))("%s: every character of the card is in a font the card loads (no missing-glyph boxes)", async (locale) => {
    const text = card.previewCardText(CARDS[locale]);
    const loaded = (await fonts.previewFonts(text)).map((font) => create(Buffer.from(font.data)) as Font);
    // and every presentation form the right-to-left words are drawn with
    const drawn = text + text.split(/\s+/).map(shaping.visualRtlWord).join(" ");
    const missing = [...new Set(drawn)].filter((char) => char.trim() && !loaded.some((font) => font.hasGlyphForCodePoint(char.codePointAt(0)!)));
    expect(missing).toEqual([]);
  });

  it("loads the fonts a text needs, not every script's: Latin only for French, a few Chinese slices for Chinese", async () => {
    const files = async (locale: string) => (await fonts.previewFontFiles(card.previewCardText(CARDS[locale]))).map((f) => f.file);
    expect((await files("fr")).every((file) => file.includes("noto-sans-latin"))).toBe(true);
    expect((await files("ar")).filter((file) => file.includes("arabic"))).toHaveLength(2); // 400 and 700
    const chinese = (await files("zh-Hans")).filter((file) => file.includes("noto-sans-sc"));
    expect(chinese.length).toBeGreaterThan(0);
    expect(chinese.length).toBeLessThanOrEqual(20); // of 202
    expect((await fonts.previewFontFiles("Подпишите")).some((f) => f.file.includes("cyrillic"))).toBe(true);
  });

  it("does not fetch fonts from the network while drawing any locale's card", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    try {
      for (const data of Object.values(CARDS)) await image.renderPreviewPng(data);
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      fetch.mockRestore();
    }
  });
});

describe("right-to-left text", () => {
  it("takes the direction from the locale data: Arabic and Uyghur right to left, the others left to right", () => {
    expect(["en", "fr", "es", "ru", "zh-Hans", "ar", "ug"].map(bidi.localeDirection)).toEqual(["ltr", "ltr", "ltr", "ltr", "ltr", "rtl", "rtl"]);
  });

  it("puts a mixed Arabic line's words in reading order from the right, with a Latin name kept whole at the end (left)", () => {
    const units = bidi.visualUnits("أضِف اسمك: 12,345 شخصًا وقّعوا — António Guterres", "rtl").map((unit) => unit.map((w) => w.text).join(" "));
    expect(units).toEqual(["António Guterres", "—", "وقّعوا", "شخصًا", "12,345", "اسمك:", "أضِف"]);
  });

  it("puts a mixed Uyghur line's words in reading order from the right, the number between the dash and the next word", () => {
    const units = bidi.visualUnits("شىنجاڭ ھەققىدە — 12,345 كىشى ئىمزا قويدى", "rtl").map((unit) => unit.map((w) => w.text).join(" "));
    expect(units).toEqual(["قويدى", "ئىمزا", "كىشى", "12,345", "—", "ھەققىدە", "شىنجاڭ"]);
  });

  it("keeps an Arabic phrase in French text in its own order (first word on the right)", () => {
    const units = bidi.visualUnits("Signez pour أضف اسمك aujourd’hui", "ltr").map((unit) => unit.map((w) => w.text));
    expect(units).toEqual([["Signez"], ["pour"], ["اسمك", "أضف"], ["aujourd’hui"]]);
  });

  it("draws an Arabic word's letters from the right: alef first is on the right, alef last on the left", async () => {
    expect((await ink(await renderLine("ابب", "rtl"))).share).toBeGreaterThan(0.8);
    expect((await ink(await renderLine("ببا", "rtl"))).share).toBeLessThan(0.2);
  });

  it("draws the first of two words on the right: an alef ending the first word is in the middle of the line", async () => {
    const { share } = await ink(await renderLine("بببا بببب", "rtl"));
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.7);
  });

  it("draws Uyghur words (with ە, ى, ئ) from the right: alef first on the right, alef last on the left", async () => {
    expect((await ink(await renderLine("ئابەب", "rtl"))).share).toBeGreaterThan(0.6);
    expect((await ink(await renderLine("ببەبا", "rtl"))).share).toBeLessThan(0.2);
    expect((await ink(await renderLine("ئىمزا", "rtl"))).share).toBeLessThan(0.2);
    expect((await ink(await renderLine("ابىبى", "rtl"))).share).toBeGreaterThan(0.8);
  });

  it("gives the renderer each right-to-left word already shaped and reversed: ink as of its presentation forms drawn left to right", async () => {
    // ئىمزا is drawn as ا ـز ـمـ ـىـ ئـ from the left; the same forms in logical order, or the
    // plain letters left to the renderer, make another picture.
    const visual = "\ufe8d\ufeb0\ufee4\ufbe9\ufe8b";
    const [card, forms, logical, plain] = await Promise.all([renderLine("ئىمزا", "rtl"), renderPlain(visual), renderPlain([...visual].reverse().join("")), renderPlain("ئىمزا")]);
    const profile = await columns(card);
    expect(profile).toEqual(await columns(forms));
    expect(profile).not.toEqual(await columns(logical));
    expect(profile).not.toEqual(await columns(plain));
  });

  it("mirrors the card for a right-to-left locale: the text starts at the right edge, the host at the left", async () => {
    const rightmost = async (data: PreviewCardData) => {
      const { data: pixels, info } = await sharp(await image.renderPreviewPng(data)).greyscale().raw().toBuffer({ resolveWithObject: true });
      // the title band (y 150-260): rightmost and leftmost light pixel
      const xs: number[] = [];
      for (let y = 150; y < 260; y++) for (let x = 0; x < info.width; x++) if (pixels[y * info.width + x] > 200) xs.push(x);
      return { left: Math.min(...xs), right: Math.max(...xs) };
    };
    const ar = await rightmost({ ...CARDS.ar, title: "أضف اسمك" });
    const fr = await rightmost({ ...CARDS.fr, title: "Ajoutez" });
    expect(ar.right).toBeGreaterThan(1100);
    expect(ar.left).toBeGreaterThan(600);
    expect(fr.left).toBeLessThan(100);
    expect(fr.right).toBeLessThan(600);
  });
});

describe("preview image URL", () => {
  it("is served for each locale we have, as <slug>.<locale>.png; another suffix is not found", async () => {
    const { routing } = await import("@/lib/i18n/routing");
    expect(preview.parsePreviewFile("guterres-xinjiang.png")).toEqual({ slug: "guterres-xinjiang" });
    for (const locale of routing.locales) expect(preview.parsePreviewFile(`guterres-xinjiang.${locale}.png`)).toEqual({ slug: "guterres-xinjiang", locale });
    for (const file of ["guterres-xinjiang.xx.png", "guterres-xinjiang.klingon.png", "guterres-xinjiang..png", "Guterres.png", "guterres-xinjiang.png.png", "guterres-xinjiang.jpg"]) {
      expect(preview.parsePreviewFile(file)).toBeNull();
    }
  });

  it("is /og/<slug>.png in the default locale and /og/<slug>.<locale>.png in the others", () => {
    expect(preview.previewImageUrl("guterres-xinjiang", "en")).toBe(`${APP_URL}/og/guterres-xinjiang.png`);
    for (const locale of ["ar", "ug", "zh-Hans"]) {
      expect(preview.previewImageUrl("guterres-xinjiang", locale as "en")).toBe(`${APP_URL}/og/guterres-xinjiang.${locale}.png`);
    }
  });
});
