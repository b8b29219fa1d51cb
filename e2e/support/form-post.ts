// The sign form and the confirmation button as a browser without JavaScript posts them, over
// plain HTTP: the page is fetched, its form's action and hidden fields (the Server Action's) are read,
// and the form is posted to its action with the visible fields filled in. Many times faster than driving a browser,
// for specs that need dozens of real signatures (e2e/osdi-conformance.spec.ts); the app cannot tell
// the difference from a no-JavaScript browser.

const unescape = (v: string) => v.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The page's POST form: where it posts (its `action`, resolved as a browser does) and its hidden fields. */
export async function formOf(pageUrl: string): Promise<{ action: string; fields: [string, string][] }> {
  const response = await fetch(pageUrl);
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${pageUrl}: ${response.status}`);
  const match = html.match(/<form([^>]*method="POST"[^>]*)>([\s\S]*?)<\/form>/);
  if (!match) throw new Error(`no POST form on ${pageUrl}`);
  const action = unescape(match[1].match(/\saction="([^"]*)"/)?.[1] ?? "");
  const fields = [...match[2].matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value = ""]): [string, string] => [name, unescape(value)]);
  return { action: new URL(action, pageUrl).href, fields };
}

/** As a browser posts a form: with the page as its Referer, following a 307 (the same POST again) but not a 303. */
async function post(pageUrl: string, action: string, fields: [string, string][]): Promise<{ status: number; location: string }> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  let url = action;
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, { method: "POST", body, headers: { origin: new URL(pageUrl).origin, referer: pageUrl }, redirect: "manual" });
    await response.arrayBuffer();
    const location = response.headers.get("location") ?? "";
    if (response.status !== 307 || hop > 2) return { status: response.status, location };
    url = new URL(location, url).href;
  }
}

export type FormSigner = {
  name: string;
  email: string;
  country?: string;
  /** "Keep me informed about this campaign" */
  campaignUpdates?: boolean;
  /** partner slugs whose box is ticked */
  partners?: string[];
};

/** Signs the campaign at `campaignUrl` through its form; throws unless sent on to "check your inbox". */
export async function signByForm(campaignUrl: string, signer: FormSigner): Promise<void> {
  const { action, fields } = await formOf(campaignUrl);
  fields.push(["fullName", signer.name], ["email", signer.email], ["country", signer.country ?? "FR"]);
  if (signer.campaignUpdates) fields.push(["optInCampaign", "on"]);
  for (const partner of signer.partners ?? []) fields.push(["partnerConsent", partner]);
  const answer = await post(campaignUrl, action, fields);
  if (answer.status !== 303 || !answer.location.includes("/check-email")) {
    throw new Error(`signing ${signer.email}: ${answer.status} ${answer.location || "(no redirect: the form came back, with an error)"}`);
  }
}

/** Presses the button on a confirmation link's page; throws unless the signature was confirmed. */
export async function confirmByLink(confirmUrl: string): Promise<void> {
  const { action, fields } = await formOf(confirmUrl);
  const answer = await post(confirmUrl, action, fields);
  if (answer.status !== 303 || !answer.location.includes("confirmed=1")) throw new Error(`confirming ${confirmUrl}: ${answer.status} ${answer.location}`);
}
