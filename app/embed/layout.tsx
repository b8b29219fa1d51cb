import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { EmbedResize } from "@/components/embed/EmbedResize";
import { env } from "@/lib/env";
import { routing, textDirection } from "@/lib/i18n/routing";
import "@/app/[locale]/globals.css";

// A root layout of its own: the embed has none of the site's chrome, sits outside the locale
// routing (the default locale until embeds take a ?locale=), and may be framed by other origins.

export const metadata: Metadata = { metadataBase: new URL(env().APP_URL), robots: { index: false, follow: false } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function EmbedLayout({ children }: { children: ReactNode }) {
  const locale = routing.defaultLocale;
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="embed">
        <EmbedResize>{children}</EmbedResize>
      </body>
    </html>
  );
}
