import createMiddleware from "next-intl/middleware";
import { routing } from "./lib/i18n/routing";

// Maps /c/<slug> to app/[locale]/c/<slug> for the default locale (no prefix) and serves /<locale>/...
export default createMiddleware(routing);

// Left out: /api, /_next, files, /embed/... (app/embed, its own layout) and /admin (app/admin, not
// localised, its own root layout).
export const config = {
  matcher: "/((?!api|admin|_next|embed/|.*\\..*).*)",
};
