import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { Letter } from "@/components/campaign/Letter";
import { RecentSigners } from "@/components/campaign/RecentSigners";
import { SignatureCounter } from "@/components/campaign/SignatureCounter";
import { SharePanel } from "@/components/share/SharePanel";
import { CampaignSignForm } from "@/components/sign/CampaignSignForm";
import { campaignState, type CampaignView } from "@/lib/campaigns/model";
import type { CampaignProgress, PublicSignerView } from "@/lib/campaigns/progress";
import type { LinkPreview } from "@/lib/sharing/preview";
import type { ShareSet } from "@/lib/sharing/share-links";

/** Title, description and the link-preview tags (Open Graph, Twitter card), all with absolute URLs. */
export function campaignMetadata(campaign: CampaignView, preview: LinkPreview): Metadata {
  const image = { url: preview.imageUrl, width: preview.width, height: preview.height, alt: preview.imageAlt, type: "image/png" };
  return {
    title: campaign.title,
    description: campaign.summary,
    alternates: { canonical: preview.pageUrl },
    openGraph: { type: "website", url: preview.pageUrl, title: campaign.title, description: campaign.summary, siteName: preview.siteName, locale: preview.locale, images: [image] },
    twitter: { card: "summary_large_image", title: campaign.title, description: campaign.summary, images: [image] },
  };
}

type Props = {
  campaign: CampaignView;
  locale: string;
  progress: CampaignProgress;
  signers: PublicSignerView[];
  share?: ShareSet;
};

export function CampaignPage({ campaign, locale, progress, signers, share }: Props) {
  const t = useTranslations("Campaign");
  const state = campaignState(campaign);
  const partnerNames = campaign.partners.map((p) => p.name);
  return (
    <main id="main" className="campaign">
      <header className="campaign-header">
        <p className="eyebrow">{t("to", { target: campaign.target })}</p>
        <h1>{campaign.title}</h1>
        <p className="lead">{campaign.summary}</p>
        <p className="call">{campaign.callToAction}</p>
      </header>

      <div className="campaign-grid">
        <div className="campaign-body">
          <section aria-labelledby="demands-heading">
            <h2 id="demands-heading">{t("demandsHeading")}</h2>
            <p>{campaign.demandsIntro}</p>
            <ol className="demands">
              {campaign.demands.map((demand) => (
                <li key={demand}>{demand}</li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="letter-heading" className="letter">
            <h2 id="letter-heading">{t("letterHeading")}</h2>
            <Letter markdown={campaign.letterBody} />
          </section>

          {campaign.context.length > 0 && (
            <section aria-labelledby="context-heading">
              <h2 id="context-heading">{t("contextHeading")}</h2>
              {campaign.context.map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
            </section>
          )}

          {campaign.partners.length > 0 && (
            <section aria-labelledby="coalition-heading">
              <h2 id="coalition-heading">{t("coalitionHeading")}</h2>
              <p className="visually-hidden">{t("from", { partners: partnerNames.join(", ") })}</p>
              <ul className="coalition">
                {campaign.partners.map((partner) => (
                  <li key={partner.slug}>
                    <a href={partner.url} rel="noopener noreferrer">
                      {partner.name}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>

        <aside className="campaign-aside" aria-label={campaign.title}>
          <SignatureCounter count={progress.count} goal={progress.goal} percent={progress.percent} />
          {state === "open" ? (
            <CampaignSignForm campaign={campaign} locale={locale} />
          ) : (
            <div id="sign" className="notice" role="status">
              {state === "closed" ? t("closedNotice") : t("notYetOpenNotice")}
            </div>
          )}
          <RecentSigners signers={signers} />
          {share && state !== "closed" && <SharePanel share={share} variant="light" />}
        </aside>
      </div>
    </main>
  );
}
