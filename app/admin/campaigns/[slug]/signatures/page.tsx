import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { partnerScope } from "@/lib/admin/actor";
import { decodeCursor, encodeCursor, latestSignatures, parseEmailDomain } from "@/lib/admin/latest";
import { requireAdmin } from "@/lib/admin/session";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { countryName } from "@/lib/i18n/countries";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  const t = await getTranslations({ locale: "en", namespace: "Admin.latest" });
  return { title: t("title", { title: campaign?.title ?? slug }) };
}

const STATUSES = ["pending", "confirmed", "withdrawn", "invalidated", "suspect"] as const;

// A campaign's latest signatures, newest first, a page at a time, filtered by email domain. A GET
// form and plain links (?domain=…&before=…): it works without JavaScript, and only a domain, never
// an address, goes in the URL (addresses are searched by POST on /admin/signatures).
export default async function LatestSignaturesPage({ params, searchParams }: Props) {
  const actor = await requireAdmin();
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale: "en", namespace: "Admin.latest" });
  const ts = await getTranslations({ locale: "en", namespace: "Admin.signatures" });
  const query = await searchParams;
  const typed = typeof query.domain === "string" ? query.domain.trim().slice(0, 260) : "";
  const domain = typed ? parseEmailDomain(typed) : null;
  const invalid = typed !== "" && domain === null;
  const before = decodeCursor(typeof query.before === "string" ? query.before : null);
  // ?per= (1-100) changes the page size; links keep it.
  const per = typeof query.per === "string" && /^\d{1,3}$/.test(query.per) && Number(query.per) >= 1 && Number(query.per) <= 100 ? Number(query.per) : null;
  const page = invalid ? { entries: [], next: null } : await latestSignatures(actor, campaign.id, { domain, before, limit: per ?? undefined });
  const scope = partnerScope(actor);
  const partnerName = scope ? (campaign.partners.find((p) => p.slug === scope.partnerSlug)?.name ?? scope.partnerSlug) : null;
  const base = `/admin/campaigns/${encodeURIComponent(campaign.slug)}/signatures`;
  const link = (more: Record<string, string>) => {
    const search = new URLSearchParams({ ...(domain ? { domain } : {}), ...(per ? { per: String(per) } : {}), ...more }).toString();
    return search ? `${base}?${search}` : base;
  };
  const statusLabel = (status: string) => ((STATUSES as readonly string[]).includes(status) ? ts(`statuses.${status as (typeof STATUSES)[number]}`) : status);

  return (
    <article>
      <h1>{t("title", { title: campaign.title })}</h1>
      <p className="admin-muted">{partnerName ? t("introPartner", { partner: partnerName }) : t("intro")}</p>
      <form method="get" action={base} className="admin-form" role="search">
        <label htmlFor="latest-domain">{t("domainLabel")}</label>
        <input
          id="latest-domain"
          name="domain"
          type="search"
          defaultValue={typed}
          maxLength={260}
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? "latest-domain-error latest-domain-hint" : "latest-domain-hint"}
        />
        <p id="latest-domain-hint" className="admin-muted">
          {t("domainHint")}
        </p>
        {invalid && (
          <p id="latest-domain-error" role="alert" className="admin-error">
            {t("domainInvalid")}
          </p>
        )}
        {per && <input type="hidden" name="per" value={per} />}
        <button type="submit">{t("search")}</button>
      </form>
      {(typed || before) && (
        <p>
          <Link href={base}>{t("clear")}</Link>
        </p>
      )}

      {!invalid && (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" data-testid="latest-showing">
            {t("showing", { count: page.entries.length, domain: domain ?? "none", page: before ? "later" : "first" })}
          </h2>
          {page.entries.length > 0 && (
            <div className="admin-table-wrap">
              <table className="admin-table admin-table-stack" data-testid="latest-table">
                <caption className="visually-hidden">{t("caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("email")}</th>
                    <th scope="col">{t("country")}</th>
                    <th scope="col">{t("status")}</th>
                    <th scope="col">{t("signedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.entries.map((e) => (
                    <tr key={e.id}>
                      <td>
                        {e.erased ? (
                          t("erased")
                        ) : actor.role === "owner" ? (
                          <Link href={`/admin/signatures/${encodeURIComponent(e.id)}`}>{e.fullName}</Link>
                        ) : (
                          e.fullName
                        )}
                      </td>
                      <td className="admin-break" data-label={t("email")}>
                        {e.erased ? "—" : e.email}
                      </td>
                      <td data-label={t("country")}>{countryName(e.country, "en")}</td>
                      <td data-label={t("status")}>{statusLabel(e.status)}</td>
                      <td data-label={t("signedAt")}>
                        <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().slice(0, 16).replace("T", " ")}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(page.next || before) && (
            <nav aria-label={t("pages")}>
              <ul className="admin-inline-links">
                {before && (
                  <li>
                    <Link href={link({})}>{t("newest")}</Link>
                  </li>
                )}
                {page.next && (
                  <li>
                    <Link href={link({ before: encodeCursor(page.next) })} rel="next">
                      {t("older")}
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </section>
      )}
    </article>
  );
}
