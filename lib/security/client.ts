import { env } from "@/lib/env";
import { clientKeyFrom } from "@/lib/security/rate-limit";

/** The rate-limit key of the client that sent a request, from its headers. */
export function clientKey(headers: Headers): string {
  return clientKeyFrom(headers.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
}
