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

type Release = () => void;

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
  const lock = createLock();
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

/** Wraps a driver adapter factory so that its connections serialise statements around transactions. */
export function serialized(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}
