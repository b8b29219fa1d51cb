// No server code here: the client form imports it.

/** The path a no-JavaScript sign form posts to: its `action`, useActionState's permalink (ADR 061). */
export function signPostPath(slug: string): string {
  return `/c/${encodeURIComponent(slug)}/sign`;
}
