import { env } from "@/lib/env";
import { routing } from "@/lib/i18n/routing";

/** An app path in a locale (the default locale has no prefix). */
export function localePath(pathname: string, locale: string = routing.defaultLocale): string {
  const prefix = locale === routing.defaultLocale ? "" : `/${locale}`;
  return prefix && pathname === "/" ? prefix : `${prefix}${pathname}`;
}

/** Absolute URL of an app path in a locale. */
export function absoluteUrl(pathname: string, locale: string = routing.defaultLocale): string {
  return `${env().APP_URL}${localePath(pathname, locale)}`;
}
