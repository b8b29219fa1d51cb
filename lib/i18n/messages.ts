import en from "@/content/messages/en.json";
import type { Locale } from "@/lib/i18n/routing";

export type Messages = typeof en;

const catalogs: Record<Locale, Messages> = { en };

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
