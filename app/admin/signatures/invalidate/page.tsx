import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { applyInvalidationAction } from "@/app/_actions/admin-signatures";
import { listCampaigns } from "@/lib/admin/campaigns";
import { requireAdmin } from "@/lib/admin/session";
import { invalidationSchema, previewInvalidation } from "@/lib/admin/signatures";
import { clientLabel } from "@/lib/admin/suspects";
import { findCampaign } from "@/lib/campaigns/campaigns";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.invalidate" });
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** datetime-local fields carry no zone: the form says UTC, so "2026-05-12T10:00" means 10:00 UTC. */
const asUtc = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v);

// Step 1 (GET): choose a filter and see how many signatures it hits. Step 2 (POST): apply it.
export default async function InvalidatePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAdmin({ role: "owner" });
  const t = await getTranslations({ locale: "en", namespace: "Admin.invalidate" });
  const ta = await getTranslations({ locale: "en", namespace: "Admin" });
  const params = await searchParams;
  const campaigns = await listCampaigns(actor);
  const slug = one(params.campaign) || campaigns[0]?.slug || "";
  const by = one(params.by) === "window" ? "window" : one(params.by) === "client" ? "client" : "domain";
  const done = /^\d+$/.test(one(params.done)) ? Number(one(params.done)) : null;
  const wantsPreview = one(params.preview) === "1";

  let error: string | null = one(params.error) === "stale" ? "stale" : null;
  let preview: Awaited<ReturnType<typeof previewInvalidation>> | null = null;
  const campaign = await findCampaign(slug);
  const input = { by, domain: one(params.domain), from: asUtc(one(params.from)), to: asUtc(one(params.to)), client: one(params.client) };
  let filter = null;
  if (wantsPreview) {
    const parsed = invalidationSchema.safeParse(
      by === "domain" ? { by, domain: input.domain } : by === "client" ? { by, clientHash: input.client } : { by, from: input.from || undefined, to: input.to || undefined },
    );
    if (!campaign) error = "campaign";
    else if (!parsed.success) error = parsed.error.issues[0].message;
    else {
      filter = parsed.data;
      preview = await previewInvalidation(actor, campaign.id, parsed.data);
    }
  }
  const knownErrors = ["stale", "campaign", "domain-required", "domain-invalid", "client-invalid", "from-invalid", "to-invalid", "window-order", "window-too-long"];
  const errorKey = error && knownErrors.includes(error) ? error : error ? "from-invalid" : null;
  const total = preview ? preview.pending + preview.confirmed + preview.suspect : 0;

  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {done !== null && (
        <p role="status" className="admin-notice">
          {t("done", { count: done })}
        </p>
      )}
      {errorKey && (
        <p role="alert" className="admin-error" id="invalidate-error">
          {t(`errors.${errorKey as "stale"}`)}
        </p>
      )}
      <form method="get" className="admin-form">
        <input type="hidden" name="preview" value="1" />
        <label htmlFor="inv-campaign">{t("campaign")}</label>
        <select id="inv-campaign" name="campaign" defaultValue={slug}>
          {campaigns.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{t("by")}</legend>
          <label>
            <input type="radio" name="by" value="domain" defaultChecked={by === "domain"} /> {t("byDomain")}
          </label>
          <label>
            <input type="radio" name="by" value="window" defaultChecked={by === "window"} /> {t("byWindow")}
          </label>
        </fieldset>
        <label htmlFor="inv-domain">{t("domain")}</label>
        <input id="inv-domain" name="domain" defaultValue={input.domain} placeholder="spam.example" aria-invalid={errorKey?.startsWith("domain") ? true : undefined} />
        <label htmlFor="inv-from">{t("from")}</label>
        <input id="inv-from" name="from" type="datetime-local" step="1" defaultValue={one(params.from)} aria-invalid={errorKey === "from-invalid" ? true : undefined} />
        <label htmlFor="inv-to">{t("to")}</label>
        <input id="inv-to" name="to" type="datetime-local" step="1" defaultValue={one(params.to)} aria-invalid={errorKey?.startsWith("window") || errorKey === "to-invalid" ? true : undefined} />
        <button type="submit">{t("previewButton")}</button>
      </form>

      {preview && filter && campaign && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("previewHeading")}</h2>
          <p data-testid="invalidate-preview">{t("previewCounts", { total, confirmed: preview.confirmed, pending: preview.pending, suspect: preview.suspect })}</p>
          {filter.by === "client" && <p>{t("byClient", { label: clientLabel(filter.clientHash) })}</p>}
          {preview.sample.length > 0 && (
            <>
              <p>{t("sample")}</p>
              <ul>
                {preview.sample.map((s, i) => (
                  <li key={i}>
                    {s.email} ({ta("utcTime", { time: s.createdAt.toISOString().slice(0, 16).replace("T", " ") })})
                  </li>
                ))}
              </ul>
            </>
          )}
          {total > 0 && (
            <form action={applyInvalidationAction} className="admin-form admin-danger-zone">
              <input type="hidden" name="campaign" value={campaign.slug} />
              <input type="hidden" name="by" value={filter.by} />
              {filter.by === "domain" ? (
                <input type="hidden" name="domain" value={filter.domain} />
              ) : filter.by === "client" ? (
                <input type="hidden" name="client" value={filter.clientHash} />
              ) : (
                <>
                  <input type="hidden" name="from" value={filter.from.toISOString()} />
                  <input type="hidden" name="to" value={filter.to.toISOString()} />
                </>
              )}
              <label htmlFor="inv-reason">{t("reason")}</label>
              <input id="inv-reason" name="reason" maxLength={500} />
              <button type="submit" className="admin-button admin-button-danger">
                {t("apply", { total })}
              </button>
            </form>
          )}
        </section>
      )}
    </section>
  );
}
