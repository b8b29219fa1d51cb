import { useTranslations } from "next-intl";
import { SignForm } from "@/components/sign/SignForm";
import { signFormStrings, type Translate } from "@/components/sign/sign-form-strings";
import type { PartnerView } from "@/lib/campaigns/model";
import { countryOptions } from "@/lib/i18n/countries";
import { LIMITS } from "@/lib/signatures/rules";

type Props = { slug: string; locale: string; partners: PartnerView[]; fixedFields?: [string, string][] };

/** The sign form of a campaign, with its texts translated here on the server. */
export function CampaignSignForm({ slug, locale, partners, fixedFields }: Props) {
  // Looked up by key names built at run time (errors.<code>), so the typed translators are widened.
  const t = useTranslations("SignForm") as unknown as Translate;
  const tPartner = useTranslations("PartnerConsent") as unknown as Translate;
  return (
    <SignForm
      campaignSlug={slug}
      locale={locale}
      countries={countryOptions(locale)}
      limits={LIMITS}
      strings={signFormStrings(t, tPartner, LIMITS)}
      partners={partners.map((p) => ({ slug: p.slug, label: tPartner("label", { partner: p.name }) }))}
      fixedFields={fixedFields}
    />
  );
}
