import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";

// Prisma's better-sqlite3 adapter shares ONE connection and only makes transactions wait for
// each other: a plain query from another request, issued while an interactive transaction awaits
// between statements, runs inside that transaction, sees its uncommitted rows and is rolled back
// with it. This wrapper makes every statement outside a transaction wait for the open transaction
// to finish, so each request sees only committed data and its writes stand on their own.
// (docs/decisions/007-one-sqlite-connection-serialised.md)

export type Release = () => void;

function createLock(): () => Promise<Release> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    let release!: Release;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
}

const globalForLock = globalThis as unknown as { __sqliteLock?: () => Promise<Release> };

/**
 * The one lock of this process's SQLite file: Prisma's connection takes it for each statement
 * and for a whole transaction, and the group-commit writer (group-commit.ts) for each batch, so
 * that the two connections never wait for each other inside one thread (which would deadlock).
 */
export function sqliteLock(): Promise<Release> {
  globalForLock.__sqliteLock ??= createLock();
  return globalForLock.__sqliteLock();
}

function wrapTransaction(tx: Transaction, release: Release): Transaction {
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: async () => {
      try {
        await tx.commit();
      } finally {
        done();
      }
    },
    rollback: async () => {
      try {
        await tx.rollback();
      } finally {
        done();
      }
    },
  };
}

function serialize(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = sqliteLock;
  async function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const release = await lock();
    try {
      return await run();
    } finally {
      release();
    }
  }
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => exclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => exclusive(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await lock();
      try {
        return wrapTransaction(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/**
 * Wraps a driver adapter factory so that its connections serialise statements around transactions,
 * and wait for the disk on every commit: an acknowledged write survives power loss, not only a
 * crash of the process (better-sqlite3 builds SQLite with synchronous=NORMAL for WAL files).
 */
export function serialized(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = serialize(await factory.connect());
      await adapter.executeRaw({ sql: "PRAGMA synchronous = FULL", args: [], argTypes: [] });
      await adapter.executeRaw({ sql: "PRAGMA temp_store = MEMORY", args: [], argTypes: [] });
      return adapter;
    },
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}
