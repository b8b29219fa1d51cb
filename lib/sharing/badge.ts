import { createTranslator } from "next-intl";
import { escapeHtml } from "@/lib/mail/html";
import { messagesFor } from "@/lib/i18n/messages";
import { textDirection, type Locale } from "@/lib/i18n/routing";

// The count badge for partners' sites and newsletters: a small SVG with the live count, its
// accessible name (role="img", <title>, aria-label) stating the campaign and the number.

const CHAR_WIDTH = 7.2; // average advance of 12px sans-serif, enough to size the two boxes
const WIDE_WIDTH = 12; // a CJK character is about as wide as it is high

function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u.test(ch) ? WIDE_WIDTH : CHAR_WIDTH;
  return width;
}

export function countBadgeSvg(campaign: { title: string }, count: number, locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "Badge" });
  const label = t("label", { count });
  const title = t("title", { title: campaign.title, count });
  const left = "Speak Out";
  const leftWidth = Math.round(textWidth(left) + 16);
  const rightWidth = Math.round(textWidth(label) + 16);
  // In a right-to-left language the label is laid out from its right edge (SVG direction="rtl").
  const rtl = textDirection(locale) === "rtl";
  const labelText = rtl ? `x="${leftWidth + rightWidth - 8}" direction="rtl"` : `x="${leftWidth + 8}"`;
  const width = leftWidth + rightWidth;
  const esc = escapeHtml;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="24" viewBox="0 0 ${width} 24" role="img" aria-label="${esc(title)}" xml:lang="${locale}">
<title>${esc(title)}</title>
<rect width="${leftWidth}" height="24" rx="4" fill="#0b3d62"/>
<rect x="${leftWidth}" width="${rightWidth}" height="24" rx="4" fill="#ffbf47"/>
<rect x="${leftWidth - 4}" width="8" height="24" fill="#ffbf47"/>
<g font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif" font-size="12" aria-hidden="true">
<text x="8" y="16" fill="#ffffff">${esc(left)}</text>
<text ${labelText} y="16" fill="#1b1f24" font-weight="700">${esc(label)}</text>
</g>
</svg>
`;
}
