import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { EmbedResize } from "@/components/embed/EmbedResize";
import { env } from "@/lib/env";
import { textDirection } from "@/lib/i18n/routing";
import { pageLocale } from "@/lib/i18n/page-locale";
import "@/app/[locale]/globals.css";

// A root layout of its own: the embed has none of the site's chrome and may be framed by other
// origins. /embed/<slug> is the default locale's, /<locale>/embed/<slug> another's (next.config.ts).

export const metadata: Metadata = { metadataBase: new URL(env().APP_URL), robots: { index: false, follow: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function EmbedLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="embed">
        <EmbedResize>{children}</EmbedResize>
      </body>
    </html>
  );
}
