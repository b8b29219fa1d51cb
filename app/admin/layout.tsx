import type { Metadata, Viewport } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/_actions/admin-session";
import { AdminNav, type AdminNavLink } from "@/components/admin/AdminNav";
import { listCampaigns } from "@/lib/admin/campaigns";
import { currentAdmin } from "@/lib/admin/session";
import { env } from "@/lib/env";
import "./admin.css";

// The admin area's own root layout: outside app/[locale] and the locale proxy, never indexed,
// never cached (see next.config.ts). Every page still checks the session itself.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin" });
  return {
    metadataBase: new URL(env().APP_URL),
    title: { default: t("title"), template: `%s · ${t("title")}` },
    robots: { index: false, follow: false },
    referrer: "same-origin",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations({ locale: "en", namespace: "Admin" });
  const admin = await currentAdmin();
  let links: AdminNavLink[] = [];
  if (admin) {
    const campaigns = await listCampaigns(admin);
    const main = campaigns[0];
    links = [{ href: "/admin", label: t("nav.campaigns") }];
    if (main) {
      links.push({ href: `/admin/campaigns/${main.slug}`, label: t("nav.dashboard") });
      links.push({ href: `/admin/campaigns/${main.slug}/signatures`, label: t("nav.latest") });
      if (admin.role === "owner") links.push({ href: "/admin/signatures", label: t("nav.signatures") });
      links.push({ href: `/admin/campaigns/${main.slug}/export`, label: t("nav.exports") });
      links.push({ href: `/admin/campaigns/${main.slug}/delivery`, label: t("nav.delivery") });
      links.push({ href: `/admin/campaigns/${main.slug}/embeds`, label: t("nav.embeds") });
    }
    if (admin.role === "owner") {
      links.push({ href: "/admin/integrations", label: t("nav.integrations") });
      links.push({ href: "/admin/admins", label: t("nav.admins") });
    }
  }
  return (
    <html lang="en" dir="ltr">
      <body className="admin">
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        {admin ? (
          <AdminNav
            title={t("title")}
            links={links}
            signedInAs={t(admin.role === "owner" ? "signedInOwner" : "signedInPartner", {
              email: admin.email,
              partner: admin.partnerSlug ?? "",
            })}
            signOut={{ label: t("signOut"), action: signOutAction }}
          />
        ) : (
          <header className="admin-header">
            <div className="admin-header-inner">
              <span className="admin-brand">{t("title")}</span>
            </div>
          </header>
        )}
        <main id="main" className="admin-main">
          {children}
        </main>
      </body>
    </html>
  );
}
