import { defineRouting } from "next-intl/routing";

// Every page lives under app/[locale]; the default locale is served without a prefix, so adding a
// language is a catalog in content/messages and an entry here, with no page moved.
export const routing = defineRouting({
  locales: ["en"],
  defaultLocale: "en",
  localePrefix: "as-needed",
  localeCookie: false,
});

export type Locale = (typeof routing.locales)[number];

export function isLocale(value: string): value is Locale {
  return (routing.locales as readonly string[]).includes(value);
}

/** Right-to-left scripts among the locales we may add. */
export function textDirection(locale: string): "ltr" | "rtl" {
  return ["ar", "fa", "he", "ug", "ur"].includes(locale.split("-")[0]) ? "rtl" : "ltr";
}
