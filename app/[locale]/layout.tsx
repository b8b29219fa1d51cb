import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
import { routing, textDirection } from "@/lib/i18n/routing";
import { localePath } from "@/lib/i18n/urls";
import "./globals.css";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Meta" });
  return { metadataBase: new URL(env().APP_URL), title: { default: t("siteName"), template: `%s · ${t("siteName")}` } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0b3d62" };

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("Meta");
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body>
        {/* Every page has <main id="main"> (ADR 057): the skip link never points at nothing. */}
        <a className="skip-link" href="#main">
          {t("skipToMain")}
        </a>
        {/* No translation provider: client components get their texts as props, already translated. */}
        {children}
        <footer className="site-footer">
          <p>{t("footer")}</p>
          <p>
            <a href={localePath("/privacy", locale)}>{t("privacyLink")}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
