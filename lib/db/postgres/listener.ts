import pg from "pg";

// One connection per process that LISTENs (a pooled connection cannot: LISTEN belongs to a
// session). PostgreSQL delivers a NOTIFY made inside a transaction only when it commits, to every
// session listening, this process's included. A lost connection is opened again after a second;
// `onReconnect` then tells the caller that notifications may have been missed meanwhile.

export type Listener = { close(): Promise<void>; /** resolves once the first LISTEN is in place */ ready: Promise<void> };

export function listen(
  url: string,
  channels: readonly string[],
  onNotification: (channel: string, payload: string) => void,
  onReconnect: () => void,
): Listener {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let connectedOnce = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void open();
    }, 1_000);
    timer.unref();
  };

  async function open(): Promise<void> {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    next.on("notification", (n) => onNotification(n.channel, n.payload ?? ""));
    next.on("error", (error) => {
      console.error(`[db] listening connection lost: ${error.message}`);
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      retry();
    });
    next.on("end", () => {
      if (client === next) client = undefined;
      retry();
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN "${channel.replace(/"/g, "")}"`);
    } catch (error) {
      console.error(`[db] could not listen for notifications: ${(error as Error).message}`);
      await next.end().catch(() => undefined);
      retry();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    if (connectedOnce) onReconnect();
    connectedOnce = true;
    markReady();
  }

  void open();
  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
