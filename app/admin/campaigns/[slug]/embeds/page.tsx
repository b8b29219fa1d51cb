import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { partnerScope } from "@/lib/admin/actor";
import { requireAdmin } from "@/lib/admin/session";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { isLocale, languageName, routing } from "@/lib/i18n/routing";
import { embedSnippets } from "@/lib/sharing/embed-snippets";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ language?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  const t = await getTranslations({ locale: "en", namespace: "Admin.embeds" });
  return { title: t("title", { title: campaign?.title ?? slug }) };
}

// The copy-paste snippets partners put on their sites: owners see every partner's, a partner
// admin only their own organisation's. ?language= gives the snippets of the form in a locale.
export default async function EmbedSnippetsPage({ params, searchParams }: Props) {
  const actor = await requireAdmin();
  const { slug } = await params;
  const requested = (await searchParams).language;
  const locale = typeof requested === "string" && isLocale(requested) ? requested : routing.defaultLocale;
  const campaign = await findCampaign(slug, locale);
  if (!campaign) notFound();
  const t = await getTranslations({ locale: "en", namespace: "Admin.embeds" });
  const scope = partnerScope(actor);
  const partners = scope ? campaign.partners.filter((p) => p.slug === scope.partnerSlug) : campaign.partners;
  const snippets = embedSnippets(campaign, partners, locale);
  return (
    <article>
      <h1>{t("title", { title: campaign.title })}</h1>
      <p>{t("intro", { title: campaign.title })}</p>
      <form method="get" className="admin-inline-form">
        <label htmlFor="embed-language">{t("language")}</label>{" "}
        <select id="embed-language" name="language" defaultValue={locale}>
          {routing.locales.map((l) => (
            <option key={l} value={l} lang={l}>
              {languageName(l)}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("show")}</button>
      </form>
      {snippets.length === 0 && <p>{t("none")}</p>}
      {snippets.map((snippet) => (
        <section key={snippet.partnerSlug} aria-labelledby={`embed-${snippet.partnerSlug}`}>
          <h2 id={`embed-${snippet.partnerSlug}`}>{snippet.partnerName}</h2>
          <label htmlFor={`snippet-${snippet.partnerSlug}`}>{t("snippetLabel", { partner: snippet.partnerName })}</label>
          <textarea
            id={`snippet-${snippet.partnerSlug}`}
            readOnly
            rows={4}
            className="snippet"
            defaultValue={snippet.html}
            data-testid={`embed-snippet-${snippet.partnerSlug}`}
          />
          <p>
            {t("preview")}{" "}
            <a href={snippet.iframeUrl} rel="noopener">
              {snippet.iframeUrl}
            </a>
          </p>
        </section>
      ))}
    </article>
  );
}
