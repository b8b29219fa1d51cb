export async function register() {
  // NEXT_RUNTIME is set by Next.js itself; the Node.js server is where the outbox runs.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/server-start");
    onServerStart();
  }
}
