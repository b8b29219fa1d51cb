import type { PreviewCardData } from "@/lib/sharing/preview";

// The 1200×630 link-preview picture, drawn by next/og (satori): flexbox and inline styles only.

export function PreviewCard({ data }: { data: PreviewCardData }) {
  const titleSize = data.title.length > 70 ? 56 : data.title.length > 40 ? 66 : 76;
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
        fontFamily: "Noto Sans",
      }}
    >
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: 32, color: "#cfe0ee" }}>{data.to}</div>
        <div style={{ display: "flex", fontSize: titleSize, fontWeight: 700, lineHeight: 1.1, marginTop: 24 }}>{data.title}</div>
      </div>
      <div style={{ display: "flex", alignItems: "flex-end", justifyContent: "space-between" }}>
        <div style={{ display: "flex", flexDirection: "column" }}>
          <div style={{ display: "flex", fontSize: 52, fontWeight: 700, color: "#ffbf47" }}>{data.countText}</div>
          <div style={{ display: "flex", fontSize: 30, marginTop: 8 }}>{data.cta}</div>
        </div>
        <div style={{ display: "flex", fontSize: 26, color: "#cfe0ee" }}>{data.host}</div>
      </div>
    </div>
  );
}
