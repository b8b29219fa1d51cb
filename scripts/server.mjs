#!/usr/bin/env node
// The app's HTTP server: Next.js (the production build) behind a small front in the same process,
// run by `npm start` (scripts/start.mjs) in place of `next start`. Before Next sees a request, the
// front (lib/http/front.ts):
//   - appends the socket's address to X-Forwarded-For, as a proxy does, so that the client address
//     is the socket's unless TRUSTED_PROXY_HOPS trusts proxies in front (ADR 047);
//   - refuses with a clear 400/403/405/413 what Next would answer with a 500 (ADR 049);
//   - gives every page a Content-Security-Policy: a nonce on pages rendered per request, hashes of
//     Next's own inline scripts on pages from the cache (ADR 048), and HSTS when APP_URL is https.
//
//   node scripts/server.mjs [-p PORT] [-H HOSTNAME]     (PORT defaults to the PORT variable, 3000)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "esbuild";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
// As `next start` does: the production build runs in production mode.
process.env.NODE_ENV ??= "production";

const arg = (short, long) => {
  const i = process.argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

// The front and lib/env.ts are TypeScript: bundled here (esbuild, which tsx runs on, ~50 ms) rather
// than loaded through a TypeScript loader, whose hooks would stay on for the whole Next server.
async function importFront() {
  const file = path.join(root, ".next", "front", `front-${process.pid}.mjs`);
  await build({ entryPoints: [path.join(root, "lib/http/front.ts")], bundle: true, platform: "node", format: "esm", packages: "external", alias: { "@": root }, outfile: file, logLevel: "error" });
  try {
    return await import(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const front = await importFront();
const { env } = front;
const { default: next } = await import("next");

let config;
try {
  config = front.frontConfig();
} catch (error) {
  // As instrumentation.ts does: a server that answers every request with an error is worse than none.
  if (!(error instanceof front.EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const port = Number(arg("-p", "--port") ?? env().PORT);
const hostname = arg("-H", "--hostname");
const hsts = front.hstsHeader(config);

const app = next({ dev: false, dir: root, port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

// A cached page's CSP, by the page's body as sent (gzipped or not): computed once per rendering of
// the page (a cache hit sends the same bytes every time), forgotten after a few hundred bodies.
const cachedCsp = { framable: new Map(), other: new Map() };
function cspOfCachedPage(body, encoding, framable) {
  // A page Next sends uncompressed comes as one string, the cache's own: no copy is made of it.
  const key = typeof body === "string" ? body : `${encoding}:${body.toString("latin1")}`;
  const memo = framable ? cachedCsp.framable : cachedCsp.other;
  let csp = memo.get(key);
  if (csp === undefined) {
    if (memo.size >= 128) memo.clear();
    const html = typeof body === "string" ? body : (DECODE[encoding] ?? ((b) => b))(body).toString("utf8");
    csp = front.cachedPageCsp(config, front.inlineScriptHashes(html), framable);
    memo.set(key, csp);
  }
  return csp;
}
const DECODE = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, br: zlib.brotliDecompressSync };

/**
 * Sets the page's CSP just before its headers go out, once Next has said whether the page comes
 * from its cache (x-nextjs-cache). A rendered page gets the nonce it was rendered with; a cached
 * page is held until it is complete (a cache hit is a single write of the same bytes) and gets the
 * hashes of its inline scripts. Next's compression wraps these methods again after this and writes
 * its output through them, so what is held may be gzipped. The wrappers stay in place and call the
 * originals.
 */
function withCsp(res, nonce, framable) {
  const original = { writeHead: res.writeHead, flushHeaders: res.flushHeaders, write: res.write, end: res.end };
  let mode = "undecided"; // then "pass" or "hold"
  let held = [];
  let head = null;
  const decide = () => {
    if (mode !== "undecided") return mode === "hold";
    mode = "pass";
    if (res.headersSent) return false;
    const type = String(res.getHeader("content-type") ?? "");
    if (res.getHeader("x-nextjs-cache") !== undefined && type.startsWith("text/html")) {
      mode = "hold";
      return true;
    }
    if (type.startsWith("text/html") || !type) res.setHeader("Content-Security-Policy", front.renderedPageCsp(config, nonce, framable));
    return false;
  };
  const chunk = (data, encoding) => (typeof data === "string" ? Buffer.from(data, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(data));
  res.writeHead = function (...args) {
    if (!decide()) return original.writeHead.apply(res, args);
    head = args;
    return res;
  };
  res.flushHeaders = function () {
    if (!decide()) return original.flushHeaders.call(res);
  };
  res.write = function (data, encoding, callback) {
    if (!decide()) return original.write.call(res, data, encoding, callback);
    if (data != null && data.length) held.push(chunk(data, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
  res.end = function (data, encoding, callback) {
    if (!decide()) return original.end.call(res, data, encoding, callback);
    mode = "pass";
    const done = typeof data === "function" ? data : typeof encoding === "function" ? encoding : callback;
    const last = typeof data === "function" || data == null || !data.length ? null : data;
    const body = held.length === 0 && typeof last === "string" ? last : Buffer.concat(last ? [...held, chunk(last, encoding)] : held);
    held = [];
    const contentEncoding = String(res.getHeader("content-encoding") ?? "");
    res.setHeader("Content-Security-Policy", cspOfCachedPage(body, contentEncoding, framable));
    if (head) original.writeHead.apply(res, head);
    return original.end.call(res, body, done);
  };
}

/** Adds Accept-Language to the Vary that Next sets, just before the headers go out. */
function varyOnLanguage(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    const vary = res.getHeader("vary");
    res.setHeader("Vary", vary ? `${vary}, Accept-Language` : "Accept-Language");
    res.writeHead = writeHead;
    return writeHead.apply(res, args);
  };
}

let hinted = false;
const server = http.createServer((req, res) => {
  if (!hinted) {
    const hint = front.proxyHint(req.headers["x-forwarded-for"], req.socket.remoteAddress, config);
    if (hint) console.warn(hint);
    hinted = Boolean(hint);
  }
  req.headers["x-forwarded-for"] = front.forwardedForWithSocket(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  if (hsts) res.setHeader("Strict-Transport-Security", hsts);

  const refused = front.refusal(req, config);
  if (refused) {
    const pathname = (req.url ?? "/").split("?", 1)[0];
    const { headers, body } = front.refusalResponse(refused, pathname);
    res.writeHead(refused.status, { ...headers, "Content-Security-Policy": front.refusalCsp(), "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Content-Length": Buffer.byteLength(body) });
    res.end(req.method === "HEAD" ? undefined : body);
    // What is left of the body is read and dropped, so the connection can be reused.
    req.resume();
    return;
  }

  // / and /c/<slug> in the browser's language, when it is one of ours but not the default (ADR 059).
  const language = front.languageRedirect(req.method, req.url, req.headers["accept-language"]);
  if (language) {
    res.writeHead(307, { Location: language, Vary: "Accept-Language", "Cache-Control": "private, no-store", "Content-Length": 0 });
    res.end();
    req.resume();
    return;
  }

  if (front.isNegotiated(req.url)) varyOnLanguage(res);

  req.url = front.rewrittenUrl(req.url);
  const pathname = req.url;
  if (!pathname.startsWith("/_next/") && !pathname.startsWith("/api/")) {
    // Whatever a client sent, Next reads the nonce from this request header (and only this one).
    const nonce = front.newNonce();
    req.headers["content-security-policy"] = front.requestCsp(nonce);
    delete req.headers["content-security-policy-report-only"];
    withCsp(res, nonce, front.isEmbedPath(pathname));
  }
  handle(req, res).catch((error) => {
    console.error(`[server] ${req.method} ${pathname}: ${error?.stack ?? error}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});

server.on("error", (error) => {
  console.error(`[server] ${error.message}`);
  process.exit(1);
});

server.listen(port, hostname, () => {
  const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  console.log(`▲ Ready on http://${shown}:${port} (Next.js behind the front, scripts/server.mjs)`);
});

// SIGTERM/SIGINT: stop taking connections, finish the requests under way, then close Next, as
// `next start` does.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(async () => {
      await app.close().catch((error) => console.error(error));
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
    server.closeIdleConnections();
  });
}
