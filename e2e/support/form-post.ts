// The sign form and the confirmation button as a browser without JavaScript posts them, over
// plain HTTP: the page is fetched, its form's hidden fields (the Server Action's) are read, and the
// form is posted back with the visible fields filled in. Many times faster than driving a browser,
// for specs that need dozens of real signatures (e2e/osdi-conformance.spec.ts); the app cannot tell
// the difference from a no-JavaScript browser.

const unescape = (v: string) => v.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden fields of the page's POST form. */
async function hiddenFields(pageUrl: string): Promise<[string, string][]> {
  const response = await fetch(pageUrl);
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${pageUrl}: ${response.status}`);
  const form = html.match(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error(`no POST form on ${pageUrl}`);
  return [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value = ""]) => [name, unescape(value)]);
}

async function post(pageUrl: string, fields: [string, string][]): Promise<{ status: number; location: string }> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  const response = await fetch(pageUrl, { method: "POST", body, headers: { origin: new URL(pageUrl).origin }, redirect: "manual" });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") ?? "" };
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
  const fields = await hiddenFields(campaignUrl);
  fields.push(["fullName", signer.name], ["email", signer.email], ["country", signer.country ?? "FR"]);
  if (signer.campaignUpdates) fields.push(["optInCampaign", "on"]);
  for (const partner of signer.partners ?? []) fields.push(["partnerConsent", partner]);
  const answer = await post(campaignUrl, fields);
  if (answer.status !== 303 || !answer.location.includes("/check-email")) {
    throw new Error(`signing ${signer.email}: ${answer.status} ${answer.location || "(no redirect: the form came back, with an error)"}`);
  }
}

/** Presses the button on a confirmation link's page; throws unless the signature was confirmed. */
export async function confirmByLink(confirmUrl: string): Promise<void> {
  const answer = await post(confirmUrl, await hiddenFields(confirmUrl));
  if (answer.status !== 303 || !answer.location.includes("confirmed=1")) throw new Error(`confirming ${confirmUrl}: ${answer.status} ${answer.location}`);
}
