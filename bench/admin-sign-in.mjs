#!/usr/bin/env node
// `npm run bench:admin-sign-in`: does the admin sign-in form answer an admin's address and a
// stranger's in the same time? (issue 9, finding 3: 54 ms against 25 ms when only admins' requests
// made a token and queued a mail). Posts the form as a browser without JavaScript does, against a
// running app, alternating a known address and unknown ones in this one process, and prints the
// medians. Asserts nothing.
//
//   --url U       the running app (default http://127.0.0.1:3000)
//   --known A     an address in the app's ADMIN_EMAILS (default owner@example.org)
//   --n N         timed requests per kind (default 60; at least 50), after 5 of each not timed
//
// The app must let this many requests through: start it with, for example,
//   RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR=1000 RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR=1000
// (the second keeps the admin path doing all its work: past the cap, it stops before the mail).

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const URL_ = arg("--url", "http://127.0.0.1:3000").replace(/\/+$/, "");
const KNOWN = arg("--known", "owner@example.org");
const N = Math.max(50, Number(arg("--n", 60)));
const WARMUP = 5;

async function formFields() {
  const html = await (await fetch(`${URL_}/admin/sign-in`)).text();
  const form = html.match(/<form[^>]*>([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error(`no form at ${URL_}/admin/sign-in`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value = ""]) => [name, value]);
}

const BOUNDARY = "----adminsignin7";
const multipart = (fields) => fields.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${BOUNDARY}--\r\n`;

async function post(hidden, email) {
  const body = multipart([...hidden, ["email", email]]);
  const started = process.hrtime.bigint();
  const response = await fetch(`${URL_}/admin/sign-in`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, origin: new URL(URL_).origin },
  });
  await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const location = response.headers.get("location") ?? "";
  if (!location.includes("/admin/sign-in/sent")) {
    throw new Error(`expected a redirect to /admin/sign-in/sent, got ${response.status} ${location || "(no Location)"}: is the app's sign-in rate limit high enough? (see the top of this file)`);
  }
  return ms;
}

const quantile = (sorted, q) => {
  const i = (sorted.length - 1) * q;
  return sorted[Math.floor(i)] + (sorted[Math.ceil(i)] - sorted[Math.floor(i)]) * (i - Math.floor(i));
};
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p25: quantile(sorted, 0.25), median: quantile(sorted, 0.5), p75: quantile(sorted, 0.75), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
};

const hidden = await formFields();
const times = { known: [], unknown: [] };
const run = Date.now().toString(36);
for (let i = 0; i < WARMUP + N; i++) {
  // Alternate which goes first, so neither always follows the other's background work.
  const order = i % 2 === 0 ? ["known", "unknown"] : ["unknown", "known"];
  for (const kind of order) {
    const ms = await post(hidden, kind === "known" ? KNOWN : `nobody.${run}.${i}@example.org`);
    if (i >= WARMUP) times[kind].push(ms);
  }
}

const rows = Object.entries(times).map(([kind, t]) => ({ kind, ...summary(t) }));
const f = (v) => v.toFixed(1).padStart(8);
console.log(`POST ${URL_}/admin/sign-in (no-JS form), ${N} timed requests each, alternating, after ${WARMUP} of each untimed`);
console.log(`${"address".padEnd(28)}${"n".padStart(5)}${"p25 ms".padStart(8)}${"median".padStart(8)}${"p75 ms".padStart(8)}${"mean".padStart(8)}`);
for (const r of rows) console.log(`${(r.kind === "known" ? `known (${KNOWN})` : "unknown (a new one each)").padEnd(28)}${String(r.n).padStart(5)}${f(r.p25)}${f(r.median)}${f(r.p75)}${f(r.mean)}`);
const [known, unknown] = rows;
const diff = known.median - unknown.median;
const noise = Math.max(known.p75 - known.p25, unknown.p75 - unknown.p25) / 2;
console.log(`difference of medians (known - unknown): ${diff.toFixed(1)} ms; half the wider interquartile range: ${noise.toFixed(1)} ms -> ${Math.abs(diff) <= noise ? "within noise" : "NOT within noise"}`);
