// Whether an error means the database cannot be reached right now (a restart, a failover, a
// network cut, every pooled connection busy past its timeout), as opposed to a bug or bad data.
// Callers answer such errors with 503 and "try again in a minute"; the pool reconnects by itself.

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// PostgreSQL SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention: shutdown, restart).
const SQLSTATE = /^(08|53|57P)/;
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|Client has encountered a connection error|database is locked|SQLITE_BUSY/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const x = e as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown };
    const code = typeof x.code === "string" ? x.code : typeof x.originalCode === "string" ? x.originalCode : "";
    if (NETWORK_CODES.has(code) || SQLSTATE.test(code)) return true;
    if (x.kind === "DatabaseNotReachable" || x.kind === "ConnectionClosed" || x.kind === "SocketTimeout") return true;
    if (typeof x.message === "string" && MESSAGES.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}
