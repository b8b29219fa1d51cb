import { defineRouting } from "next-intl/routing";

// Every page lives under app/[locale]; the default locale is served without a prefix, so adding a
// language is a catalog in content/messages, the campaign's copy in content/campaigns/<slug>/ and
// an entry here, with no page moved (docs/decisions/059-languages.md).
export const routing = defineRouting({
  // English first: it is the default, and the campaign's original text.
  locales: ["en", "fr", "es", "ru", "zh-Hans", "ar", "ug"],
  defaultLocale: "en",
  localePrefix: "as-needed",
  localeCookie: false,
});

export type Locale = (typeof routing.locales)[number];

export function isLocale(value: string): value is Locale {
  return (routing.locales as readonly string[]).includes(value);
}

/** The locales other than the default, which are served under a /<locale> prefix. */
export const prefixedLocales = routing.locales.filter((l) => l !== routing.defaultLocale);

type TextInfo = { direction?: "ltr" | "rtl" };
type LocaleWithTextInfo = Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };

/**
 * The writing direction of a locale, from CLDR through Intl.Locale (a hard-coded list of
 * right-to-left languages is how Uyghur gets forgotten). Node 20 has the `textInfo` getter; newer
 * engines have `getTextInfo()` instead.
 */
export function textDirection(locale: string): "ltr" | "rtl" {
  let info: TextInfo | undefined;
  try {
    const intl = new Intl.Locale(locale) as LocaleWithTextInfo;
    info = typeof intl.getTextInfo === "function" ? intl.getTextInfo() : intl.textInfo;
  } catch {
    return "ltr";
  }
  return info?.direction === "rtl" ? "rtl" : "ltr";
}

/** A language's name in its own script, for the language switcher: "français", "ئۇيغۇرچە". */
export function languageName(locale: string): string {
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * A page's path in another locale, from the path it was rendered or shown at ("/fr/c/x", "/c/x",
 * "/en"). English links keep their /en prefix: /en is never redirected by the browser's language.
 */
export function pathInLocale(pathname: string, locale: string): string {
  const segments = pathname.split("/");
  const rest = isLocale(segments[1] ?? "") ? `/${segments.slice(2).join("/")}` : pathname || "/";
  return rest === "/" ? `/${locale}` : `/${locale}${rest}`;
}
