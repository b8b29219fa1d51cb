import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isEmbedPath,
  isNegotiated,
  languageRedirect,
  negotiatedLocale,
  cachedPageCsp,
  forwardedForWithSocket,
  frontConfig,
  hstsHeader,
  inlineScriptHashes,
  isNextInlineScript,
  proxyHint,
  refusal,
  refusalResponse,
  renderedPageCsp,
} from "@/lib/http/front";
import { parseEnv, serverActionOrigins } from "@/lib/env";
import { clientKeyFrom } from "@/lib/security/rate-limit";

const config = frontConfig(parseEnv({ APP_URL: "https://sign.example.org" }));
const post = (headers: Record<string, string>, url = "/c/guterres-xinjiang") => ({ method: "POST", url, headers: { "content-length": "10", ...headers } });

describe("the client address (the front appends the socket's to X-Forwarded-For)", () => {
  it("is the socket's with no trusted proxy, whatever X-Forwarded-For the client sends", () => {
    const keys = ["1.1.1.1", "2.2.2.2, 3.3.3.3", "", "unknown"].map((sent) => clientKeyFrom(forwardedForWithSocket(sent || undefined, "203.0.113.7"), 0));
    expect(new Set(keys)).toEqual(new Set(["203.0.113.7"]));
  });

  it("is the one the trusted proxy saw with TRUSTED_PROXY_HOPS=1, hops counted from the right", () => {
    // client -> proxy (10.0.0.2, appends the client's 198.51.100.4) -> app
    const honest = forwardedForWithSocket("198.51.100.4", "10.0.0.2");
    const spoofed = forwardedForWithSocket("9.9.9.9, 198.51.100.4", "10.0.0.2");
    expect(clientKeyFrom(honest, 1)).toBe("198.51.100.4");
    expect(clientKeyFrom(spoofed, 1)).toBe("198.51.100.4");
  });

  it("gives a hint, without the address, when a proxy forwards to an app that trusts none", () => {
    const none = frontConfig(parseEnv({}));
    expect(proxyHint("203.0.113.7", "127.0.0.1", none)).toMatch(/TRUSTED_PROXY_HOPS=1/);
    expect(proxyHint("203.0.113.7", "::ffff:10.0.0.2", none)).not.toContain("203.0.113.7");
    expect(proxyHint(undefined, "127.0.0.1", none)).toBeNull();
    expect(proxyHint("203.0.113.7", "198.51.100.4", none)).toBeNull();
    expect(proxyHint("203.0.113.7", "127.0.0.1", frontConfig(parseEnv({ TRUSTED_PROXY_HOPS: "1" })))).toBeNull();
  });

  it("joins a header sent several times", () => {
    expect(forwardedForWithSocket(["1.1.1.1", "2.2.2.2"], "::1")).toBe("1.1.1.1, 2.2.2.2, ::1");
    expect(forwardedForWithSocket(undefined, undefined)).toBe("unknown");
  });
});

describe("the front's refusals", () => {
  it("refuses a malformed percent-encoding in the path with 400", () => {
    expect(refusal({ method: "GET", url: "/c/%ff%fe", headers: {} }, config)).toMatchObject({ status: 400, code: "bad_path" });
    expect(refusal({ method: "GET", url: "/api/v1/campaigns/%E0%A4%A", headers: {} }, config)).toMatchObject({ status: 400 });
    expect(refusal({ method: "GET", url: "/c/%C3%A9t%C3%A9?q=%ff", headers: {} }, config)).toBeNull();
  });

  it("refuses methods a page does not answer with 405 and Allow", () => {
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
      expect(refusal({ method, url: "/", headers: {} }, config)).toMatchObject({ status: 405, allow: "GET, HEAD, POST" });
    }
    expect(refusal({ method: "POST", url: "/_next/static/x.js", headers: {} }, config)).toMatchObject({ status: 405, allow: "GET, HEAD" });
    expect(refusal({ method: "DELETE", url: "/api/v1/campaigns/x", headers: {} }, config)).toMatchObject({ status: 405, allow: "GET, HEAD, OPTIONS" });
    expect(refusal({ method: "OPTIONS", url: "/api/v1/campaigns/x", headers: {} }, config)).toBeNull();
  });

  it("refuses a POST without an Origin, or from another origin, with 403", () => {
    expect(refusal(post({}), config)).toMatchObject({ status: 403, code: "missing_origin" });
    expect(refusal(post({ origin: "null" }), config)).toMatchObject({ status: 403, code: "missing_origin" });
    expect(refusal(post({ origin: "https://evil.example" }), config)).toMatchObject({ status: 403, code: "cross_origin" });
    // A spoofed Host does not make another origin this one: APP_URL decides.
    expect(refusal(post({ origin: "https://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }), config)).toMatchObject({ status: 403 });
    expect(refusal(post({ origin: "http://sign.example.org" }), config)).toMatchObject({ status: 403 });
    expect(refusal(post({ origin: "https://sign.example.org" }), config)).toBeNull();
  });

  it("refuses a body over the limit with 413", () => {
    expect(refusal(post({ origin: "https://sign.example.org", "content-length": String(config.bodyLimitBytes + 1) }), config)).toMatchObject({ status: 413 });
    expect(refusal(post({ origin: "https://sign.example.org", "content-length": String(config.bodyLimitBytes) }), config)).toBeNull();
    // A chunked body, whose size is known only once read, is refused before it is read.
    expect(refusal({ method: "POST", url: "/", headers: { origin: "https://sign.example.org", "transfer-encoding": "chunked" } }, config)).toMatchObject({ status: 411 });
  });

  it("answers a page for people and JSON for the API, never echoing the request", () => {
    const page = refusalResponse({ status: 400, code: "bad_path", message: "<b>" }, "/c/x");
    expect(page.headers["Content-Type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("&#60;b&#62;");
    const json = refusalResponse({ status: 405, code: "method_not_allowed", message: "m", allow: "GET, HEAD" }, "/api/v1/x");
    expect(JSON.parse(json.body)).toEqual({ error: "method_not_allowed", message: "m" });
    expect(json.headers.Allow).toBe("GET, HEAD");
  });
});

describe("the Content-Security-Policy", () => {
  const sha = (code: string) => `sha256-${createHash("sha256").update(code).digest("base64")}`;
  const boot = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[1]});';
  const start = "(self.__next_f=self.__next_f||[]).push([0])";
  const data = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])';

  it("of a rendered page allows only scripts with the nonce, and frames only the embed", () => {
    const csp = renderedPageCsp(config, "abc", false);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(renderedPageCsp(config, "abc", true)).toContain("frame-ancestors *");
  });

  it("of a cached page hashes Next's own inline scripts and nothing else", () => {
    const injected = "alert(document.cookie)";
    const html = `<script src="/_next/static/chunks/a.js" async=""></script><script id="_R_">${boot}</script><script>${start}</script><script>${data}</script><script>${injected}</script><script>self.__next_f.push([1,alert(1)])</script>`;
    expect(inlineScriptHashes(html).sort()).toEqual([sha(boot), sha(start), sha(data)].sort());
    expect(cachedPageCsp(config, inlineScriptHashes(html), false)).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+'){3}$/);
  });

  it("recognises a flight push only when it pushes data", () => {
    expect(isNextInlineScript(data)).toBe(true);
    expect(isNextInlineScript('self.__next_f.push([1,"a"]);alert(1)//"])')).toBe(false);
    expect(isNextInlineScript("self.__next_f.push([1,fetch('/x')])")).toBe(false);
    expect(isNextInlineScript('(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(alert(1));')).toBe(false);
  });

  it("comes with HSTS only when APP_URL is https", () => {
    expect(hstsHeader(config)).toBe("max-age=31536000");
    expect(hstsHeader(frontConfig(parseEnv({ APP_URL: "http://localhost:3000" })))).toBeUndefined();
    expect(renderedPageCsp(frontConfig(parseEnv({})), "n", false)).not.toContain("upgrade-insecure-requests");
  });
});

describe("Server Actions' allowed origins (next.config.ts)", () => {
  it("are APP_URL's host, and none while the configuration is invalid", () => {
    expect(serverActionOrigins({ APP_URL: "https://sign.example.org/" })).toEqual(["sign.example.org"]);
    expect(serverActionOrigins({ PORT: "3200" })).toEqual(["localhost:3200"]);
    expect(serverActionOrigins({ APP_URL: "ftp://x" })).toEqual([]);
  });
});

describe("the browser's language on / and /c/<slug> (ADR 059)", () => {
  it("sends a browser that prefers one of our other languages to that locale's page, query kept", () => {
    expect(languageRedirect("GET", "/", "ar")).toBe("/ar");
    expect(languageRedirect("GET", "/?ref=AbC123&utm_source=x", "fr-CA,fr;q=0.9,en;q=0.5")).toBe("/fr?ref=AbC123&utm_source=x");
    expect(languageRedirect("HEAD", "/c/guterres-xinjiang", "ug-CN")).toBe("/ug/c/guterres-xinjiang");
    expect(languageRedirect("GET", "/c/guterres-xinjiang?ref=x", "zh-CN,zh;q=0.9")).toBe("/zh-Hans/c/guterres-xinjiang?ref=x");
  });

  it("honours q-values: a language we lack is skipped for the next one the reader accepts", () => {
    expect(negotiatedLocale("de, ru;q=0.8, en;q=0.5")).toBe("ru");
    expect(negotiatedLocale("en;q=0.4, es;q=0.9")).toBe("es");
  });

  it("serves the default locale's page for English, unknown or broken headers, and no header at all", () => {
    expect(languageRedirect("GET", "/", "en-GB,en;q=0.9,ar;q=0.8")).toBeNull();
    expect(languageRedirect("GET", "/", "de-DE")).toBeNull();
    expect(languageRedirect("GET", "/", "*")).toBeNull();
    expect(languageRedirect("GET", "/", "xx-invalid-@@@;q=1, ;;;")).toBeNull();
    expect(languageRedirect("GET", "/", "a".repeat(5000))).toBeNull();
    expect(languageRedirect("GET", "/", undefined)).toBeNull();
  });

  it("leaves every other page, prefixed paths and non-GET requests alone", () => {
    for (const url of ["/en", "/en/c/guterres-xinjiang", "/ar", "/privacy", "/confirm/abc", "/embed/guterres-xinjiang", "/api/v1", "/c/guterres-xinjiang/privacy"]) {
      expect(languageRedirect("GET", url, "ar"), url).toBeNull();
    }
    expect(languageRedirect("POST", "/c/guterres-xinjiang", "ar")).toBeNull();
    expect(isNegotiated("/?ref=x")).toBe(true);
    expect(isNegotiated("/c/x")).toBe(true);
    expect(isNegotiated("/fr")).toBe(false);
  });

  it("knows an embed in any locale, and nothing else, as an embed", () => {
    expect(isEmbedPath("/embed/guterres-xinjiang")).toBe(true);
    expect(isEmbedPath("/ug/embed/guterres-xinjiang")).toBe(true);
    expect(isEmbedPath("/zh-Hans/embed/guterres-xinjiang/check-email")).toBe(true);
    expect(isEmbedPath("/xx/embed/guterres-xinjiang")).toBe(false);
    expect(isEmbedPath("/c/embed/x")).toBe(false);
    expect(isEmbedPath("/embedded")).toBe(false);
  });
});
