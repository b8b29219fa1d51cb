// Draws Arabic and Uyghur lines three ways, one under the other, into one PNG: in Chromium
// (dir="rtl", the same Noto fonts, the reference), by satori as it is, and by satori with the
// preview card's word-by-word layout (components/share/PreviewCard.tsx). The picture for ADR 060:
//
//   npx tsx --tsconfig tsconfig.json scripts/og-bidi-compare.tsx [out.png]
//
// Needs Chromium at /usr/bin/chromium (CHROMIUM=… for another).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ImageResponse } from "next/og";
import sharp from "sharp";
import { BidiText } from "@/components/share/PreviewCard";
import { previewFonts } from "@/lib/sharing/preview-fonts";

const STRINGS = [
  "أضف اسمك إلى العريضة",
  "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ",
  "أضِف اسمك: 12,345 شخصًا وقّعوا — António Guterres",
  "ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ — 12,345 كىشى ئىمزا قويدى",
];
const OUT = process.argv[2] ?? "docs/images/og-bidi/compare-chromium-satori-bidi.png";
const W = 1700, H = 90, SIZE = 34;
const FONTS = `file://${path.resolve("node_modules/@fontsource")}`;

const fonts = await previewFonts(STRINGS.join(" "));
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
async function chrome(text: string) {
  fs.writeFileSync(
    html,
    `<!doctype html><html dir="rtl"><head><meta charset="utf-8"><style>
@font-face{font-family:"Noto Sans";src:url(${FONTS}/noto-sans/files/noto-sans-latin-400-normal.woff)}
@font-face{font-family:"Noto Sans Arabic";src:url(${FONTS}/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff)}
body{margin:0;height:${H}px;display:flex;align-items:center;padding:0 20px;background:#fff;color:#000;font:${SIZE}px "Noto Sans Arabic","Noto Sans";white-space:nowrap}
</style></head><body><span>${text}</span></body></html>`,
  );
  await page.goto(`file://${html}`);
  await page.evaluate(() => document.fonts.ready);
  return page.screenshot();
}

const rows: Buffer[] = [];
for (const text of STRINGS) rows.push(await chrome(text), await satori(text, false), await satori(text, true));
await browser.close();
const scaled = await Promise.all(rows.map((row) => sharp(row).resize(700).png().toBuffer()));
const h = (await sharp(scaled[0]).metadata()).height!;
await sharp({ create: { width: 700, height: (h + 4) * rows.length, channels: 3, background: "#888" } })
  .composite(scaled.map((input, k) => ({ input, left: 0, top: k * (h + 4) })))
  .png({ palette: true })
  .toFile(OUT);
console.log(`wrote ${OUT}`);
