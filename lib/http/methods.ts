// The HTTP methods each kind of address answers, shared by the front (lib/http/front.ts, which
// refuses other methods before Next sees them) and the API's route handlers (which answer the
// same 405 when the app runs without the front, e.g. under `next start`).

/** Methods a page answers: views, and Server Actions (the forms' POSTs). */
export const PAGE_METHODS = "GET, HEAD, POST";
/** Next's own files. */
export const STATIC_METHODS = "GET, HEAD";
/** The API's routes are all reads: app/api/**\/route.ts answer GET (and HEAD, OPTIONS) only. */
export const API_METHODS = "GET, HEAD, OPTIONS";
