import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import Markdown from "react-markdown";
import { privacyPath, type CampaignView } from "@/lib/campaigns/model";
import { TranslationNote, languageAlternates } from "@/components/i18n/TranslationNote";
import { pathInLocale } from "@/lib/i18n/routing";
import { absoluteUrl, localePath } from "@/lib/i18n/urls";

// The privacy notice of a campaign (docs/decisions/056-privacy-notice-and-sender.md): who is
// responsible and how to reach them, from the campaign's content, then the notice itself, Markdown
// from content/campaigns/<slug>/privacy.<locale>.md with its placeholders already filled
// (lib/campaigns/privacy.ts). Rendered to elements, never raw HTML, like the letter.

type Translate = (key: string, values?: Record<string, string>) => string;

export function privacyMetadata(campaign: CampaignView, locale: string, t: Translate): Metadata {
  const url = absoluteUrl(privacyPath(campaign), locale);
  return { title: t("metaTitle"), description: t("description", { title: campaign.title }), alternates: { canonical: url, languages: languageAlternates(campaign, privacyPath(campaign)) } };
}

export function PrivacyNotice({ campaign, locale, markdown }: { campaign: CampaignView; locale: string; markdown: string }) {
  const t = useTranslations("Privacy");
  return (
    <main id="main" className="narrow privacy">
      <p className="eyebrow">{campaign.title}</p>
      <h1>{t("title")}</h1>
      {campaign.translation && <TranslationNote href={pathInLocale(privacyPath(campaign), campaign.originalLocale)} originalLocale={campaign.originalLocale} />}
      <dl className="privacy-facts">
        <div>
          <dt>{t("controller")}</dt>
          <dd data-testid="privacy-controller">{campaign.controller}</dd>
        </div>
        <div>
          <dt>{t("contact")}</dt>
          <dd>
            <a href={`mailto:${campaign.privacyContact}`} data-testid="privacy-contact">
              {campaign.privacyContact}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t("sender")}</dt>
          <dd>{campaign.senderName}</dd>
        </div>
      </dl>
      <div className="prose">
        <Markdown skipHtml allowedElements={["p", "em", "strong", "ul", "ol", "li", "a", "br", "h2", "h3", "blockquote"]}>
          {markdown}
        </Markdown>
      </div>
      <p>
        <a href={localePath(`/c/${campaign.slug}`, locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
