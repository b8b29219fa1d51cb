import { useTranslations } from "next-intl";
import { SignForm } from "@/components/sign/SignForm";
import { signFormStrings, type Translate } from "@/components/sign/sign-form-strings";
import { privacyPath, type CampaignView } from "@/lib/campaigns/model";
import { countryOptions } from "@/lib/i18n/countries";
import { absoluteUrl, localePath } from "@/lib/i18n/urls";
import { LIMITS } from "@/lib/signatures/rules";
import { isolated } from "@/lib/i18n/isolate";

type Props = {
  campaign: Pick<CampaignView, "slug" | "isDefault" | "partners" | "title">;
  locale: string;
  /** in a partner's frame: the privacy notice opens in a new tab (it may not be framed) */
  embedded?: boolean;
  fixedFields?: [string, string][];
};

/** The sign form of a campaign, with its texts translated here on the server. */
export function CampaignSignForm({ campaign, locale, embedded = false, fixedFields }: Props) {
  const { slug, partners } = campaign;
  const tForm = useTranslations("SignForm");
  // Looked up by key names built at run time (errors.<code>), so the typed translators are widened.
  const t = tForm as unknown as Translate;
  const tPartner = useTranslations("PartnerConsent") as unknown as Translate;
  const siteName = useTranslations("Meta")("siteName");
  // The promise that a signature can be removed, with the link to the notice that says how (ADR 056).
  const privacyNote = tForm.rich("privacy", {
    link: (chunks) =>
      embedded ? (
        <a href={absoluteUrl(privacyPath(campaign), locale)} target="_blank" rel="noopener">
          {chunks}
        </a>
      ) : (
        <a href={localePath(privacyPath(campaign), locale)}>{chunks}</a>
      ),
  });
  return (
    <SignForm
      privacyNote={privacyNote}
      campaignSlug={slug}
      locale={locale}
      countries={countryOptions(locale)}
      limits={LIMITS}
      strings={signFormStrings(t, tPartner, LIMITS, `${campaign.title} · ${siteName}`)}
      partners={partners.map((p) => ({ slug: p.slug, label: isolated((v) => tPartner("label", v), { partner: p.name }) }))}
      fixedFields={fixedFields}
      partnersOpen={embedded}
    />
  );
}
