import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { env } from "@/lib/env";
import { LanguageLinks } from "@/components/i18n/LanguageLinks";
import { languageName, routing, textDirection } from "@/lib/i18n/routing";
import { localePath } from "@/lib/i18n/urls";
import "./globals.css";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Meta" });
  return { metadataBase: new URL(env().APP_URL), title: { default: t("siteName"), template: `%s · ${t("siteName")}` } };
}

const LANGUAGES = routing.locales.map((l) => ({ locale: l, name: languageName(l), dir: textDirection(l) }));

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
        {/* The language switcher is at the foot of every page; this link, first after the skip link, leads there. */}
        <div className="language-bar">
          <a className="language-jump" href="#languages">
            <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
              <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.3" />
              <path d="M1 8h14M8 1c2.2 2 2.2 12 0 14M8 1c-2.2 2-2.2 12 0 14" fill="none" stroke="currentColor" strokeWidth="1.3" />
            </svg>
            {t("language")}
          </a>
        </div>
        {/* No translation provider: client components get their texts as props, already translated. */}
        {children}
        <footer className="site-footer">
          <LanguageLinks locale={locale} label={t("language")} languages={LANGUAGES} />
          <p>{t("footer")}</p>
          <p>
            <a href={localePath("/privacy", locale)}>{t("privacyLink")}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
