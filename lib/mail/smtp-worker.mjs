// The SMTP client, in a thread of its own (lib/mail/transport.ts starts it): building each MIME
// message and talking SMTP cost about a millisecond of CPU per email, which on a busy day would be
// taken from the thread that answers supporters. Plain JavaScript, loaded by path at run time.
import { parentPort, workerData } from "node:worker_threads";
import nodemailer from "nodemailer";

const { url, from, poolSize } = workerData;
// Options go in one object with the URL: a second argument would be per-message defaults.
const transporter = nodemailer.createTransport({
  url,
  pool: true,
  maxConnections: poolSize,
  // Keep connections: a new one costs a greeting (some servers wait on purpose before it).
  maxMessages: Infinity,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
});

parentPort.on("message", async ({ id, mail }) => {
  try {
    // A message's own From (a campaign's name at MAIL_FROM's address) or MAIL_FROM itself.
    await transporter.sendMail({ ...mail, from: mail.from ?? from });
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    // What the outbox needs to tell a permanent refusal from a temporary failure (lib/mail/backoff.ts).
    parentPort.postMessage({ id, ok: false, error: { message: String(error?.message ?? error), code: error?.code, responseCode: error?.responseCode } });
  }
});
