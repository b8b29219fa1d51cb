import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignatureCounter } from "@/components/campaign/SignatureCounter";
import { SignForm } from "@/components/sign/SignForm";
import { campaignState, findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { countryOptions } from "@/lib/i18n/countries";
import { routing } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { LIMITS } from "@/lib/signatures/schema";
import { attributionFields } from "@/lib/sharing/attribution";
import { embedPartners } from "@/lib/sharing/embed";
import { landingAttribution } from "@/lib/sharing/landing";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await findCampaign((await params).slug);
  return campaign ? { title: campaign.title } : {};
}

/** The compact form and counter that coalition partners frame on their own sites. */
export default async function EmbedPage({ params, searchParams }: Props) {
  const locale = routing.defaultLocale;
  setRequestLocale(locale);
  const campaign = await findCampaign((await params).slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale, namespace: "Embed" });
  const tCampaign = await getTranslations({ locale, namespace: "Campaign" });
  const progress = await campaignProgress(campaign);
  const attribution = landingAttribution(await searchParams, await headers(), { embed: true });
  const { host, ordered } = embedPartners(campaign, attribution.partner);
  if (!host) delete attribution.partner;
  const state = campaignState(campaign);
  return (
    <main id="main" className="embed-main">
      <p className="eyebrow">{tCampaign("to", { target: campaign.target })}</p>
      <h1 className="embed-title">{campaign.title}</h1>
      <p>
        <a href={absoluteUrl(`/c/${campaign.slug}`, locale)} target="_blank" rel="noopener">
          {t("readMore")}
        </a>
      </p>
      <SignatureCounter count={progress.count} goal={progress.goal} percent={progress.percent} />
      {state === "open" ? (
        <SignForm
          campaignSlug={campaign.slug}
          countries={countryOptions(locale)}
          limits={LIMITS}
          partners={ordered}
          hiddenFields={attributionFields(attribution)}
        />
      ) : (
        <div id="sign" className="notice" role="status">
          {state === "closed" ? tCampaign("closedNotice") : tCampaign("notYetOpenNotice")}
        </div>
      )}
    </main>
  );
}
