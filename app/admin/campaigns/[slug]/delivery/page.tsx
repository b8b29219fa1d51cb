import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CountTable } from "@/components/admin/Charts";
import { Letter } from "@/components/campaign/Letter";
import { longDate } from "@/lib/i18n/dates";
import { deliveryComments, deliveryNames, deliveryTotals, type DeliveryName } from "@/lib/admin/delivery";
import { requireAdmin } from "@/lib/admin/session";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { countryName } from "@/lib/i18n/countries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  const t = await getTranslations({ locale: "en", namespace: "Admin.delivery" });
  return { title: t("title", { title: campaign?.title ?? slug }) };
}

// A print-ready page: print it to PDF from the browser (the admin's header and the buttons are
// hidden in print by app/admin/admin.css).
export default async function DeliveryPage({ params }: Props) {
  const actor = await requireAdmin();
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale: "en", namespace: "Admin.delivery" });
  const format = await getFormatter({ locale: "en" });
  const totals = await deliveryTotals(actor, campaign.id);
  const [names, comments] = actor.role === "owner" ? await Promise.all([deliveryNames(actor, campaign.id), deliveryComments(actor, campaign.id)]) : [null, null];
  // The moment this document is generated (the page is rendered per request, never cached):
  // the date it is handed over with, in the campaign's date style ("16 September 2019").
  const generatedAt = new Date();
  const byCountryName = new Map<string, DeliveryName[]>();
  for (const n of names ?? []) {
    const list = byCountryName.get(n.country) ?? [];
    list.push(n);
    byCountryName.set(n.country, list);
  }
  const nameGroups = [...byCountryName.entries()]
    .map(([code, list]) => ({ country: countryName(code, "en"), names: list.map((n) => n.name) }))
    .sort((a, b) => a.country.localeCompare(b.country, "en"));

  return (
    <article className="delivery">
      <p className="no-print admin-notice">{t("printHint")}</p>
      <header className="delivery-head">
        <h1>{campaign.title}</h1>
        <p>
          <strong>{t("to")}</strong> {campaign.target}
        </p>
        <p>
          <strong>{t("from")}</strong> {campaign.partners.map((p) => p.name).join(", ")}
        </p>
        <p data-testid="delivery-date">
          {t.rich("date", { date: () => <time dateTime={generatedAt.toISOString()}>{longDate(generatedAt, "en")}</time> })}
        </p>
      </header>

      <section aria-labelledby="letter-heading">
        <h2 id="letter-heading">{t("letter")}</h2>
        <Letter markdown={campaign.letterBody} />
      </section>

      <section aria-labelledby="coalition-heading">
        <h2 id="coalition-heading">{t("coalition")}</h2>
        <ul>
          {campaign.partners.map((p) => (
            <li key={p.slug}>
              {p.name} ({p.url})
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="totals-heading" className="delivery-break">
        <h2 id="totals-heading">{t("totals")}</h2>
        <p className="delivery-total" data-testid="delivery-total">
          {t("total", { count: totals.total })}
        </p>
        <CountTable
          className="admin-table delivery-table"
          caption={t("totals")}
          headers={[t("country"), t("signatures")]}
          rows={totals.byCountry.map((b) => [countryName(b.country, "en"), format.number(b.count)])}
        />
      </section>

      <section aria-labelledby="names-heading" className="delivery-break">
        <h2 id="names-heading">{t("names")}</h2>
        {names === null ? (
          <p className="no-print">{t("namesOwnersOnly")}</p>
        ) : (
          <>
            <p>{t("namesIntro", { count: names.length })}</p>
            {nameGroups.map((g) => (
              <section key={g.country} className="delivery-names">
                <h3>
                  {g.country} ({format.number(g.names.length)})
                </h3>
                <p>{g.names.join(" · ")}</p>
              </section>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="comments-heading" className="delivery-break">
        <h2 id="comments-heading">{t("comments")}</h2>
        {comments === null ? (
          <p className="no-print">{t("commentsOwnersOnly")}</p>
        ) : (
          <>
            <p>{t("commentsIntro", { count: comments.length })}</p>
            {comments.length > 0 && (
              <ul className="delivery-comments" data-testid="delivery-comments">
                {comments.map((c, i) => (
                  <li key={i}>
                    <blockquote>
                      <p>{c.comment}</p>
                    </blockquote>
                    <p className="delivery-comment-by">
                      — {c.name}, {countryName(c.country, "en")}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </article>
  );
}
