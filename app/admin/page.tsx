import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listCampaigns } from "@/lib/admin/campaigns";
import { requireAdmin } from "@/lib/admin/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.home" });
  return { title: t("title") };
}

export default async function AdminHome() {
  const admin = await requireAdmin();
  const t = await getTranslations({ locale: "en", namespace: "Admin.home" });
  const campaigns = await listCampaigns(admin);
  return (
    <section>
      <h1>{t("title")}</h1>
      {campaigns.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul className="admin-campaigns">
          {campaigns.map((c) => (
            <li key={c.slug}>
              <h2>{c.title}</h2>
              <p className="admin-muted">
                {c.slug} · {t(c.status === "closed" ? "closed" : "open")}
              </p>
              <ul className="admin-inline-links">
                <li>
                  <Link href={`/admin/campaigns/${c.slug}`}>{t("dashboard")}</Link>
                </li>
                <li>
                  <Link href={`/admin/campaigns/${c.slug}/signatures`}>{t("latest")}</Link>
                </li>
                <li>
                  <Link href={`/admin/campaigns/${c.slug}/export`}>{t("export")}</Link>
                </li>
                <li>
                  <Link href={`/admin/campaigns/${c.slug}/delivery`}>{t("delivery")}</Link>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
