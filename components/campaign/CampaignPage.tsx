import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { Letter } from "@/components/campaign/Letter";
import { TranslationNote, languageAlternates } from "@/components/i18n/TranslationNote";
import { pathInLocale } from "@/lib/i18n/routing";
import { RecentSigners } from "@/components/campaign/RecentSigners";
import { SignatureCounter } from "@/components/campaign/SignatureCounter";
import { SharePanel } from "@/components/share/SharePanel";
import { CampaignSignForm } from "@/components/sign/CampaignSignForm";
import { campaignState, type CampaignView } from "@/lib/campaigns/model";
import type { CampaignProgress, PublicSignerView } from "@/lib/campaigns/progress";
import { longDate } from "@/lib/i18n/dates";
import type { LinkPreview } from "@/lib/sharing/preview";
import type { ShareSet } from "@/lib/sharing/share-links";

/** Title, description and the link-preview tags (Open Graph, Twitter card), all with absolute URLs. */
export function campaignMetadata(campaign: CampaignView, preview: LinkPreview): Metadata {
  const image = { url: preview.imageUrl, width: preview.width, height: preview.height, alt: preview.imageAlt, type: "image/png" };
  return {
    alternates: { canonical: preview.pageUrl, languages: languageAlternates(campaign) },
    // No metadata title: CampaignPage renders its own <title> after the form, so that the sign
    // form's "Error: …" title, rendered before it, is the document's first and wins (ADR 057).
    title: null,
    description: campaign.summary,
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

/** "16 September 2019" from "2019-09-16", in the page's language (the date is a calendar day: UTC). */
function letterDateText(isoDate: string, locale: string): string {
  return longDate(new Date(`${isoDate}T00:00:00Z`), locale);
}

// Mobile-first, one column in DOM order (docs/decisions/057-campaign-page-redesign.md): who is
// asking, the title, the count and the form, then the demands, why, the letter folded, the
// coalition. On wide screens the count and form sit in a second column beside the text, still in
// that order (a grid with named areas, no CSS `order`). Nothing here reads the request: cached.
export function CampaignPage({ campaign, locale, progress, signers, share }: Props) {
  const t = useTranslations("Campaign");
  const siteName = useTranslations("Meta")("siteName");
  const state = campaignState(campaign);
  return (
    <main id="main" className="campaign">
      <header className="campaign-header">
        <div className="trust-band" data-testid="trust-band">
          <p className="visually-hidden">{t("trustLabel")}</p>
          <ul className="trust-orgs">
            {campaign.partners.map((partner) => (
              <li key={partner.slug}>
                <bdi>{partner.name}</bdi>
              </li>
            ))}
          </ul>
          {campaign.letterDate && (
            <p className="trust-letter">
              <span>{t("letterDated", { date: letterDateText(campaign.letterDate, locale) })}</span>
              {campaign.letterUrl && (
                <>
                  {" · "}
                  <a href={campaign.letterUrl} rel="noopener noreferrer" data-testid="published-letter">
                    {t("letterLink")}
                  </a>
                </>
              )}
            </p>
          )}
          {campaign.translation && <TranslationNote href={pathInLocale(`/c/${campaign.slug}`, campaign.originalLocale)} originalLocale={campaign.originalLocale} />}
        </div>
        <h1>{campaign.title}</h1>
        <p className="campaign-summary">{campaign.summary}</p>
      </header>

      <div className="campaign-action">
        <SignatureCounter count={progress.count} goal={progress.goal} percent={progress.percent} />
        {state === "open" ? (
          <CampaignSignForm campaign={campaign} locale={locale} />
        ) : (
          <div id="sign" className="notice" role="status">
            {state === "closed" ? t("closedNotice") : t("notYetOpenNotice")}
          </div>
        )}
        <RecentSigners signers={signers} locale={locale} />
        {share && state !== "closed" && <SharePanel share={share} variant="light" />}
      </div>

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

        {campaign.context.length > 0 && (
          <section aria-labelledby="context-heading">
            <h2 id="context-heading">{t("contextHeading")}</h2>
            {campaign.context.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </section>
        )}

        <details id="full-letter" className="letter">
          <summary>{t("readFullLetter")}</summary>
          <Letter markdown={campaign.letterBody} />
        </details>

        {campaign.partners.length > 0 && (
          <section aria-labelledby="coalition-heading">
            <h2 id="coalition-heading">{t("coalitionHeading")}</h2>
            <ul className="coalition">
              {campaign.partners.map((partner) => (
                <li key={partner.slug}>
                  <a href={partner.url} rel="noopener noreferrer">
                    <bdi>{partner.name}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}

        {state === "open" && (
          // On phones it sticks to the bottom of the screen while the text below the form is read.
          <p className="sticky-sign">
            <a href="#sign" className="button button-cta">
              {t("signNow")}
            </a>
          </p>
        )}
      </div>
      {/* Hoisted into <head> by React, after an error title of the form if there is one (see campaignMetadata). */}
      <title>{`${campaign.title} · ${siteName}`}</title>
    </main>
  );
}
