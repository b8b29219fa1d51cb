import { env } from "@/lib/env";
import { routing } from "@/lib/i18n/routing";

/** Absolute URL of an app path in a locale (the default locale has no prefix). */
export function absoluteUrl(pathname: string, locale: string = routing.defaultLocale): string {
  const prefix = locale === routing.defaultLocale ? "" : `/${locale}`;
  return `${env().APP_URL}${prefix}${pathname}`;
}
