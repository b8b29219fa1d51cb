import { env } from "@/lib/env";
import { attributionFromSearchParams, referrerHostFrom, type Attribution } from "@/lib/sharing/attribution";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The attribution of a visitor landing on a campaign page or an embed: the link's ?ref, ?utm_*
 * (and ?partner in an embed), and the host of the page they came from, unless that is this site.
 */
export function landingAttribution(searchParams: SearchParams, headers: Headers, options: { embed?: boolean } = {}): Attribution {
  // referrer_host and embed are form fields only: from a URL they would be the visitor's say-so.
  const { partner, ...fromUrl } = attributionFromSearchParams(searchParams);
  delete fromUrl.referrerHost;
  delete fromUrl.embed;
  const referer = headers.get("referer");
  const host = headers.get("host");
  const external = referrerHostFrom(referer, env().APP_URL) && (!host || referrerHostFrom(referer, `http://${host}`));
  const attribution: Attribution = { ...fromUrl };
  if (external) attribution.referrerHost = referrerHostFrom(referer, env().APP_URL);
  if (options.embed) {
    attribution.embed = true;
    if (partner) attribution.partner = partner;
  }
  return attribution;
}
