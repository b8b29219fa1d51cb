// Creates an integration API token from the command line (for scripts and tests) and prints it
// once; the database keeps only its hash. Audited as the operator's user name.
//
//   npm run -s integration-token -- --name "CRM sync" [--partner <partner slug>]
//   npm run -s integration-token -- --revoke <token id>
import os from "node:os";
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db";
import { EnvError, env } from "@/lib/env";
import { createIntegrationToken, IntegrationInputError, revokeIntegrationToken } from "@/lib/integrations/tokens";

const USAGE = `Usage: npm run -s integration-token -- --name NAME [--partner SLUG]
       npm run -s integration-token -- --revoke TOKEN_ID

  --name NAME      what the token is for (shown in the admin)
  --partner SLUG   limit the token to supporters who consented to this partner
  --revoke ID      revoke the token with this id
`;

function fail(message: string, status: number): never {
  process.stderr.write(`integration-token: ${message}\n`);
  process.exit(status);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { name: { type: "string" }, partner: { type: "string" }, revoke: { type: "string" }, help: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message, 1);
    throw error;
  }
  const actor = { type: "cli" as const, name: os.userInfo().username };
  if (values.revoke) {
    const revoked = await revokeIntegrationToken(actor, values.revoke);
    if (!revoked) fail(`no active token with the id "${values.revoke.slice(0, 60)}"`, 2);
    process.stderr.write(`Revoked token ${values.revoke}.\n`);
  } else {
    if (!values.name) fail(`--name is required\n\n${USAGE}`, 2);
    try {
      const { token, view } = await createIntegrationToken(actor, { name: values.name, partnerSlug: values.partner ?? null });
      process.stderr.write(`Created token ${view.id} "${view.name}" (${view.partnerSlug ? `partner ${view.partnerSlug}` : "all supporters"}). It is shown only now:\n`);
      process.stdout.write(`${token}\n`);
    } catch (error) {
      if (error instanceof IntegrationInputError) fail(error.message, 2);
      throw error;
    }
  }
  await disconnectDb();
}

main().catch((error) => {
  process.stderr.write(`integration-token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
