import { ARABIC_SCRIPT, visualRtlWord } from "@/lib/sharing/arabic-shaping";
import { visualUnits, type Direction } from "@/lib/sharing/bidi-runs";
import type { PreviewCardData } from "@/lib/sharing/preview";

// The 1200×630 link-preview picture, drawn by next/og (satori): flexbox and inline styles only.
// Satori has no bidi layout, so every text is laid out here word by word in visual order
// (lib/sharing/bidi-runs.ts); a right-to-left locale also gets the card mirrored: text on the
// right, the host on the left. See docs/decisions/060-preview-images-per-locale.md.

// Noto Sans; the Arabic, Cyrillic and Chinese files are found by satori's fallback to every loaded font.
const FONT_FAMILY = "Noto Sans";

/** A paragraph as flex items, one per word (a run in the other direction stays whole), wrapping by words. */
export function BidiText({ text, direction, style }: { text: string; direction: Direction; style: React.CSSProperties & { fontSize: number } }) {
  const rtl = direction === "rtl";
  const units = visualUnits(text, direction);
  // Items are aligned by their tops; with one line height for all, a Noto Sans item's baseline
  // sits (ascent − descent difference)/2 = 0.07 em below a Noto Sans Arabic one's: lifted to match.
  const lineHeight = style.lineHeight ?? 1.3;
  const lift = hasArabic(text) ? -0.07 * style.fontSize : 0;
  // Right to left: the items go in from the right, so the visual order is given reversed.
  const ordered = rtl ? [...units].reverse() : units;
  return (
    <div style={{ display: "flex", flexWrap: "wrap", flexDirection: rtl ? "row-reverse" : "row", ...style, lineHeight }}>
      {ordered.map((unit, u) => (
        // Right to left, the space between two items is a margin on the left of the right one, so
        // a line that wraps starts flush at the right edge (the space is left at the ragged end).
        <div key={u} style={{ display: "flex", marginLeft: rtl && ordered[u + 1]?.at(-1)?.spaceAfter ? GAP : 0 }}>
          {unit.map((word, w) => (
            <span key={w} style={{ display: "flex", marginRight: word.spaceAfter && !(rtl && w === unit.length - 1) ? GAP : 0, ...(hasArabic(word.text) ? {} : { position: "relative", top: lift }) }}>
              {word.rtl ? visualRtlWord(word.text) : word.text}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

const GAP = "0.26em";

const hasArabic = (text: string) => ARABIC_SCRIPT.test(text);

export function PreviewCard({ data }: { data: PreviewCardData }) {
  const titleSize = data.title.length > 70 ? 56 : data.title.length > 40 ? 66 : 76;
  const { direction } = data;
  const rtl = direction === "rtl";
  const align = rtl ? "flex-end" : "flex-start";
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 72px",
        background: "#0b3d62",
        color: "#ffffff",
        fontFamily: FONT_FAMILY,
      }}
    >
      <div style={{ display: "flex", flexDirection: "column", alignItems: align }}>
        <BidiText text={data.to} direction={direction} style={{ fontSize: 32, color: "#cfe0ee" }} />
        <BidiText text={data.title} direction={direction} style={{ fontSize: titleSize, fontWeight: 700, lineHeight: 1.1, marginTop: 24 }} />
      </div>
      <div style={{ display: "flex", flexDirection: rtl ? "row-reverse" : "row", alignItems: "flex-end", justifyContent: "space-between" }}>
        <div style={{ display: "flex", flexDirection: "column", alignItems: align }}>
          <BidiText text={data.countText} direction={direction} style={{ fontSize: 52, fontWeight: 700, color: "#ffbf47" }} />
          <BidiText text={data.cta} direction={direction} style={{ fontSize: 30, marginTop: 8 }} />
        </div>
        <div style={{ display: "flex", fontSize: 26, color: "#cfe0ee" }}>{data.host}</div>
      </div>
    </div>
  );
}

/** Every string the card shows, for choosing its fonts. */
export function previewCardText(data: PreviewCardData): string {
  return [data.to, data.title, data.countText, data.cta, data.host].join("\n");
}
