import { useTranslations } from "next-intl";
import type { CampaignView } from "@/lib/campaigns/model";
import { absoluteUrl } from "@/lib/i18n/urls";
import { pathInLocale, routing } from "@/lib/i18n/routing";

/** "Translated from the English original, which is the authoritative text. Read it in English." */
export function TranslationNote({ href, originalLocale }: { href: string; originalLocale: string }) {
  const t = useTranslations("Meta");
  return (
    <p className="translation-note" data-testid="translation-note">
      {t("translated")}{" "}
      <a href={href} hrefLang={originalLocale}>
        {t("readOriginal")}
      </a>
    </p>
  );
}

/** hreflang alternates of a campaign's page: each locale its copy exists in, and x-default. */
export function languageAlternates(campaign: Pick<CampaignView, "slug" | "locales">, path = `/c/${campaign.slug}`): Record<string, string> {
  const known = routing.locales.filter((l) => campaign.locales.includes(l));
  return {
    ...Object.fromEntries(known.map((l) => [l, absoluteUrl(l === routing.defaultLocale ? path : pathInLocale(path, l))])),
    "x-default": absoluteUrl(path),
  };
}
