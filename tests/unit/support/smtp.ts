import net from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback that keeps what it receives in memory. smtp-server waits 100 ms
// before its greeting (early-talker detection), so each new SMTP connection costs about that.

export type ReceivedMail = { from: string; to: string[]; raw: string };

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export class TestMailServer {
  readonly received: ReceivedMail[] = [];
  /** SMTP sessions opened by clients since the server was created. */
  connections = 0;
  /** Recipients refused at RCPT TO, with the SMTP reply code to use. */
  readonly refuse = new Map<string, { code: number; message: string }>();
  private server?: SMTPServer;

  /**
   * With credentials the server requires a login (as a real relay does) and accepts only this
   * password; change it and restart the server to act out a password rotation at the provider.
   */
  constructor(
    readonly port: number,
    readonly credentials?: { user: string; password: string },
  ) {}

  /** Starts listening; a server that is already up stays as it is. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: !this.credentials,
      allowInsecureAuth: true,
      disabledCommands: this.credentials ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      onAuth: (auth, _session, callback) => {
        const ok = auth.username === this.credentials?.user && auth.password === this.credentials?.password;
        if (ok) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error("5.7.8 Authentication credentials invalid"), { responseCode: 535 }));
      },
      logger: false,
      closeTimeout: 100,
      disableReverseLookup: true,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refuse.get(address.address.toLowerCase());
        if (!refusal) return callback();
        return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** Stops accepting connections and drops open ones (a mail server going down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}

/** The decoded body of the MIME part with the given content type (quoted-printable or base64). */
export function mimePart(raw: string, contentType: "text/plain" | "text/html"): string | undefined {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!new RegExp(`^Content-Type:\\s*${contentType.replace("/", "\\/")}`, "im").test(headers)) continue;
    let body = part.slice(split).replace(/^\r?\n\r?\n/, "").replace(/\r?\n--[^\r\n]*--\s*$/, "");
    const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    if (encoding === "quoted-printable") {
      body = Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        "latin1",
      ).toString("utf8");
    } else if (encoding === "base64") {
      body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    }
    return body;
  }
  return undefined;
}
