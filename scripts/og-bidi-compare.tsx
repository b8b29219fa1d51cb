// Draws Arabic and Uyghur lines three ways, one under the other, into one PNG: in Chromium
// (dir="rtl", lang="ar" or "ug", the same Noto fonts, the reference), by satori as it is, and by
// satori with the preview card's layout (components/share/PreviewCard.tsx: words in visual order,
// each right-to-left word shaped to presentation forms and reversed by lib/sharing/arabic-shaping.ts).
// The picture for ADR 060:
//
//   npx tsx --tsconfig tsconfig.json scripts/og-bidi-compare.tsx [out.png]
//
// It also writes the sample cards docs/images/og-bidi/card-<locale>.png (half size).
//
// Needs Chromium at /usr/bin/chromium (CHROMIUM=… for another).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ImageResponse } from "next/og";
import sharp from "sharp";
import { BidiText } from "@/components/share/PreviewCard";
import type { PreviewCardData } from "@/lib/sharing/preview";
import { previewFonts } from "@/lib/sharing/preview-fonts";
import { renderPreviewPng } from "@/lib/sharing/preview-image";

const STRINGS: [lang: string, text: string][] = [
  ["ar", "أضف اسمك إلى العريضة الأمين العام السيد"],
  ["ug", "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ"],
  ["ar", "أضِف اسمك: 12,345 شخصًا وقّعوا — António Guterres"],
  ["ug", "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ — 12,345 كىشى ئىمزا قويدى"],
  ["ug", "ئىسمىڭىزنى قوشۇڭ، ئۆزگەرتىش، ئۈچۈن، يېزىق، ئىمزالار"],
];
const OUT = process.argv[2] ?? "docs/images/og-bidi/compare-chromium-satori-bidi.png";
const W = 1700, H = 90, SIZE = 34;
const FONTS = `file://${path.resolve("node_modules/@fontsource")}`;

const fonts = await previewFonts(STRINGS.map(([, text]) => text).join(" "));
async function satori(text: string, bidi: boolean) {
  const line = bidi ? <BidiText text={text} direction="rtl" style={{ flexWrap: "nowrap", fontSize: SIZE }} /> : text;
  const element = (
    <div style={{ display: "flex", justifyContent: "flex-end", alignItems: "center", background: "#fff", width: "100%", height: "100%", fontFamily: "Noto Sans", fontSize: SIZE, color: "#000", padding: "0 20px" }}>{line}</div>
  );
  return Buffer.from(await new ImageResponse(element, { width: W, height: H, fonts }).arrayBuffer());
}

const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "og-bidi-")), "line.html");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: W, height: H } });
async function chrome(lang: string, text: string) {
  fs.writeFileSync(
    html,
    `<!doctype html><html dir="rtl"><head><meta charset="utf-8"><style>
@font-face{font-family:"Noto Sans";src:url(${FONTS}/noto-sans/files/noto-sans-latin-400-normal.woff)}
@font-face{font-family:"Noto Sans Arabic";src:url(${FONTS}/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff)}
body{margin:0;height:${H}px;display:flex;align-items:center;padding:0 20px;background:#fff;color:#000;font:${SIZE}px "Noto Sans Arabic","Noto Sans";white-space:nowrap}
</style></head><body><span lang="${lang}">${text}</span></body></html>`,
  );
  await page.goto(`file://${html}`);
  await page.evaluate(() => document.fonts.ready);
  return page.screenshot();
}

const rows: Buffer[] = [];
for (const [lang, text] of STRINGS) rows.push(await chrome(lang, text), await satori(text, false), await satori(text, true));
await browser.close();
const scaled = await Promise.all(rows.map((row) => sharp(row).resize(1200).png().toBuffer()));
const h = (await sharp(scaled[0]).metadata()).height!;
await sharp({ create: { width: 1200, height: (h + 4) * rows.length, channels: 3, background: "#888" } })
  .composite(scaled.map((input, k) => ({ input, left: 0, top: k * (h + 4) })))
  .png({ palette: true })
  .toFile(OUT);
console.log(`wrote ${OUT}`);

const base = { siteName: "Speak out", host: "example.org", alt: "", count: 12345 };
const CARDS: Record<string, PreviewCardData> = {
  ar: { ...base, direction: "rtl", to: "إلى: António Guterres", title: "أضِف اسمك: 12,345 شخصًا وقّعوا — António Guterres", countText: "12,345 توقيعًا", cta: "أضف اسمك" },
  ug: { ...base, direction: "rtl", to: "António Guterres غا", title: "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ — 12,345 كىشى ئىمزا قويدى", countText: "12,345 ئىمزا", cta: "ئىسمىڭىزنى قوشۇڭ" },
  fr: { ...base, direction: "ltr", to: "À : António Guterres", title: "Secrétaire général de l’ONU, parlez du Xinjiang", countText: "12 345 signatures", cta: "Ajoutez votre nom" },
  "zh-Hans": { ...base, direction: "ltr", to: "致：António Guterres", title: "联合国秘书长，请就新疆问题公开表态", countText: "12,345 人已签名", cta: "添加您的名字" },
};
for (const [locale, data] of Object.entries(CARDS)) {
  const file = path.join(path.dirname(OUT), `card-${locale}.png`);
  await sharp(await renderPreviewPng(data)).resize(600).png({ palette: true }).toFile(file);
  console.log(`wrote ${file}`);
}
