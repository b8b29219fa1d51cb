import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/messages";
import { isLocale, routing } from "@/lib/i18n/routing";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = requested && isLocale(requested) ? requested : routing.defaultLocale;
  // A fixed time zone: otherwise next-intl asks Intl for the server's on every request.
  return { locale, messages: messagesFor(locale), timeZone: "UTC" };
});
