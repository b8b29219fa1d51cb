import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { isLocale, type Locale } from "@/lib/i18n/routing";

/**
 * The locale of a page from its [locale] segment, or a 404 for anything else (a request such as
 * /favicon.ico also lands in that segment). Also tells next-intl which locale renders the page.
 */
export async function pageLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return locale;
}
