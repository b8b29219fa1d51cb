// The plain page of answers given outside React (no layout, no script): the 503 while the database
// cannot be reached (lib/http/unavailable.ts) and the front server's refusals (lib/http/front.ts).
// `body` is HTML: callers escape what they did not write themselves.

export function errorPageHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}a{color:#1d3b8b}</style></head>
<body><main><h1>${title}</h1>
${body}
<p><a href="/">Back to the campaign</a></p></main></body></html>`;
}
