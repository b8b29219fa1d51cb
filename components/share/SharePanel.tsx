import { useTranslations } from "next-intl";
import { ShareActions } from "@/components/share/ShareActions";
import type { ShareSet } from "@/lib/sharing/share-links";

/** Plain share links (they work without JavaScript), plus copy and the system share sheet when available. */
export function SharePanel({ share, variant }: { share: ShareSet; variant: "confirmed" | "light" | "waiting" }) {
  const t = useTranslations("Share");
  const headingId = `share-heading-${variant}`;
  return (
    <section className={`share share-${variant}`} aria-labelledby={headingId} data-testid="share-panel">
      <h2 id={headingId}>{variant === "confirmed" ? t("headingConfirmed") : variant === "waiting" ? t("headingWaiting") : t("heading")}</h2>
      <p className="muted">{variant === "confirmed" ? t("intro") : t("lightIntro")}</p>
      <div className="field">
        <label htmlFor={`share-link-${variant}`}>{t("linkLabel")}</label>
        <input id={`share-link-${variant}`} className="share-link" type="text" dir="ltr" readOnly value={share.copyUrl} data-testid="share-link" />
      </div>
      <ShareActions
        copyUrl={share.copyUrl}
        webShare={share.webShare}
        strings={{ copy: t("copy"), webShare: t("webShare"), copied: t("copied"), copyFailed: t("copyFailed") }}
      />
      <ul className="share-channels" aria-label={t("channelsLabel")}>
        {share.links.map((link) => (
          <li key={link.channel}>
            <a href={link.href} target={link.channel === "email" ? undefined : "_blank"} rel="noopener noreferrer" data-channel={link.channel}>
              {t(`channels.${link.channel}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
