import { execFile } from "node:child_process";
import http from "node:http";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { sql, sqlValue } from "./db";

// Helpers for the export, API and webhook specs.

const run = promisify(execFile);

/** Confirmed signatures whose person was erased: still counted, never listed. */
export async function erasedConfirmed(slug: string): Promise<number> {
  return sqlValue(
    `SELECT count(*) AS n FROM "Signature" s JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE c.slug = ? AND s.status = 'confirmed' AND s."erasedAt" IS NOT NULL`,
    slug,
  );
}

/** The confirmed, not erased signers of a campaign, as the database holds them, export order. */
export async function confirmedSigners(slug: string, partnerSlug?: string): Promise<{ id: string; email: string; fullName: string }[]> {
  return sql(
    `SELECT s.id, s.email, s."fullName" FROM "Signature" s JOIN "Campaign" c ON c.id = s."campaignId"
      WHERE c.slug = ? AND s.status = 'confirmed' AND s."erasedAt" IS NULL
      ${partnerSlug ? `AND EXISTS (SELECT 1 FROM "Consent" k WHERE k."signatureId" = s.id AND k.scope = ? AND k."withdrawnAt" IS NULL)` : ""}
      ORDER BY s."confirmedAt", s.id`,
    ...(partnerSlug ? [slug, `partner:${partnerSlug}`] : [slug]),
  );
}

export function parseCsv(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ""), { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
}

/** Runs an npm script of the app against the run's database, as an operator would. */
export async function npmScript(script: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", script, "--", ...args], {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, OUTBOX_DISPATCHER: "off" },
      maxBuffer: 1 << 26,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

export type Delivery = { headers: http.IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that can go down and come back on the same port. */
export class Receiver {
  readonly received: Delivery[] = [];
  private server?: http.Server;
  private bound = false;
  /** `port` is the first to try; the first start moves up to `lastPort` when one is taken. */
  constructor(
    public port: number,
    private readonly lastPort = port,
  ) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}/speakout-hook`;
  }
  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(204, { Connection: "close" }).end();
      });
    });
    for (;;) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(this.port, "127.0.0.1", resolve);
        });
        break;
      } catch (error) {
        // Later starts (after an outage) must come back on the same port: only the first moves on.
        if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || this.bound || this.port >= this.lastPort) throw error;
        this.port++;
      }
    }
    this.bound = true;
    this.server = server;
  }
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  /** Deliveries of one event about one signature id (its "osdi:signature" identifier, "speakout:<id>"). */
  about(event: string, signatureId: string): Delivery[] {
    return this.received.filter(
      (d) => d.headers["x-speakout-event"] === event && JSON.parse(d.body)["osdi:signature"]?.identifiers?.[0] === `speakout:${signatureId}`,
    );
  }
}
