import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// Maps /c/<slug> to app/[locale]/c/<slug> for the default locale (no prefix) and serves /<locale>/...
export default createMiddleware(routing);

// /admin is not localised: it has its own root layout (app/admin/layout.tsx) and stays out of the proxy.
export const config = {
  matcher: "/((?!api|admin|_next|.*\\..*).*)",
};
