import { useTranslations } from "next-intl";
import { SignatureCounter } from "@/components/campaign/SignatureCounter";
import { CampaignSignForm } from "@/components/sign/CampaignSignForm";
import { campaignState, type CampaignView } from "@/lib/campaigns/model";
import type { CampaignProgress } from "@/lib/campaigns/progress";
import { isolated } from "@/lib/i18n/isolate";
import { absoluteUrl } from "@/lib/i18n/urls";
import { embedPartners } from "@/lib/sharing/embed";

/** The compact form and counter that coalition partners frame on their own sites. */
export function EmbedView({ campaign, locale, progress, partnerSlug }: { campaign: CampaignView; locale: string; progress: CampaignProgress; partnerSlug?: string }) {
  const t = useTranslations("Embed");
  const tCampaign = useTranslations("Campaign");
  const { host, ordered } = embedPartners(campaign, partnerSlug);
  const state = campaignState(campaign);
  // The hosting partner travels as a form field (its page is cached per partner); an unknown one is left out.
  const fixedFields: [string, string][] = [["embed", "1"], ...(host ? ([["partner", host.slug]] as [string, string][]) : [])];
  return (
    <main id="main" className="embed-main">
      <p className="eyebrow">{isolated((v) => tCampaign("to", v), { target: campaign.target })}</p>
      <h1 className="embed-title">{campaign.title}</h1>
      <p>
        <a href={absoluteUrl(`/c/${campaign.slug}`, locale)} target="_blank" rel="noopener">
          {t("readMore")}
        </a>
      </p>
      <SignatureCounter count={progress.count} goal={progress.goal} percent={progress.percent} />
      {state === "open" ? (
        <CampaignSignForm campaign={{ ...campaign, partners: ordered }} locale={locale} embedded fixedFields={fixedFields} />
      ) : (
        <div id="sign" className="notice" role="status">
          {state === "closed" ? tCampaign("closedNotice") : tCampaign("notYetOpenNotice")}
        </div>
      )}
    </main>
  );
}
