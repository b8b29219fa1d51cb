import admin from "@/content/messages/admin.en.json";
import ar from "@/content/messages/ar.json";
import en from "@/content/messages/en.json";
import es from "@/content/messages/es.json";
import fr from "@/content/messages/fr.json";
import ru from "@/content/messages/ru.json";
import ug from "@/content/messages/ug.json";
import zhHans from "@/content/messages/zh-Hans.json";
import type { Locale } from "@/lib/i18n/routing";

// Public pages and email speak every locale: one catalog per locale, each with every key of the
// English one (lib/i18n/catalogs.test.ts fails otherwise). The admin speaks English only: its
// catalog (admin.en.json) goes with every locale, so an admin page or email never misses a text.

export type PublicMessages = typeof en;
export type Messages = PublicMessages & typeof admin;

export const publicCatalogs: Record<Locale, PublicMessages> = { en, fr, es, ru, "zh-Hans": zhHans, ar, ug };

const catalogs = Object.fromEntries(
  Object.entries(publicCatalogs).map(([locale, messages]) => [locale, { ...messages, ...admin }]),
) as Record<Locale, Messages>;

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}
