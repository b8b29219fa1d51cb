import { createTranslator } from "next-intl";
import { escapeHtml } from "@/lib/mail/html";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/routing";

// The count badge for partners' sites and newsletters: a small SVG with the live count, its
// accessible name (role="img", <title>, aria-label) stating the campaign and the number.

const CHAR_WIDTH = 7.2; // average advance of 12px sans-serif, enough to size the two boxes

export function countBadgeSvg(campaign: { title: string }, count: number, locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "Badge" });
  const label = t("label", { count });
  const title = t("title", { title: campaign.title, count });
  const left = "Speak Out";
  const leftWidth = Math.round(left.length * CHAR_WIDTH + 16);
  const rightWidth = Math.round(label.length * CHAR_WIDTH + 16);
  const width = leftWidth + rightWidth;
  const esc = escapeHtml;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="24" viewBox="0 0 ${width} 24" role="img" aria-label="${esc(title)}">
<title>${esc(title)}</title>
<rect width="${leftWidth}" height="24" rx="4" fill="#0b3d62"/>
<rect x="${leftWidth}" width="${rightWidth}" height="24" rx="4" fill="#ffbf47"/>
<rect x="${leftWidth - 4}" width="8" height="24" fill="#ffbf47"/>
<g font-family="system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif" font-size="12" aria-hidden="true">
<text x="8" y="16" fill="#ffffff">${esc(left)}</text>
<text x="${leftWidth + 8}" y="16" fill="#1b1f24" font-weight="700">${esc(label)}</text>
</g>
</svg>
`;
}
