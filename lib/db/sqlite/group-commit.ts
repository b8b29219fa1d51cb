import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sqliteLock } from "@/lib/db/sqlite/serialized";

// Group commit for the SQLite file: the hot writes (signing, confirming, the outbox's
// bookkeeping) are queued and written together, many to a transaction, on a connection of their
// own with prepared statements. With synchronous=FULL a commit waits for the disk (fsync), so an
// acknowledged write survives power loss; one commit per batch shares that wait among everyone
// who wrote during it. Each piece of work runs inside a savepoint: one that throws is rolled back
// alone and rejects its own promise, the others commit. Nobody's promise resolves before the
// commit has reached the disk. (docs/decisions/042-group-commit-and-durability.md)

type Args = readonly unknown[];

/** What a piece of work may do inside the batch's transaction. Statements run synchronously. */
export interface SqliteTx {
  get<T>(sql: string, ...args: Args): T | undefined;
  all<T>(sql: string, ...args: Args): T[];
  run(sql: string, ...args: Args): number;
}

type Work<T> = (tx: SqliteTx) => T | Promise<T>;
type Queued = { work: Work<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

class Writer implements SqliteTx {
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get<T>(sql: string, ...args: Args): T | undefined {
    return this.statement(sql).get(...args) as T | undefined;
  }

  all<T>(sql: string, ...args: Args): T[] {
    return this.statement(sql).all(...args) as T[];
  }

  run(sql: string, ...args: Args): number {
    return this.statement(sql).run(...args).changes;
  }

  submit<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current I/O callbacks: requests that arrived together share the batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const release = await sqliteLock();
    // Everything queued until now, including what arrived while the lock was held elsewhere.
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.statement("BEGIN IMMEDIATE").run();
      try {
        for (const item of batch) {
          this.statement("SAVEPOINT work").run();
          try {
            outcomes.push({ ok: true, value: await item.work(this) });
            this.statement("RELEASE work").run();
          } catch (error) {
            this.statement("ROLLBACK TO work").run();
            this.statement("RELEASE work").run();
            outcomes.push({ ok: false, error });
          }
        }
        this.statement("COMMIT").run();
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    } catch (error) {
      // The batch could not be written (disk full, I/O error, the file locked by another
      // process for too long): nobody in it is acknowledged.
      for (const item of batch) item.reject(error);
      return;
    } finally {
      release();
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  close(): void {
    this.db.close();
  }
}

const globalForWriter = globalThis as unknown as { __sqliteWriter?: { file: string; writer: Writer } };

function writerFor(file: string): Writer {
  const current = globalForWriter.__sqliteWriter;
  if (current?.file === file) return current.writer;
  current?.writer.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // Each piece of work runs in a savepoint, whose undo pages would otherwise go to a temp file.
  db.pragma("temp_store = MEMORY");
  const writer = new Writer(db);
  globalForWriter.__sqliteWriter = { file, writer };
  return writer;
}

/** Runs `work` in the next group commit on the SQLite file; resolves once its batch is on disk. */
export function groupCommit<T>(file: string, work: Work<T>): Promise<T> {
  return writerFor(file).submit(work);
}

/** Closes the writer's connection (scripts and tests; the server keeps it). */
export function closeGroupCommit(): void {
  globalForWriter.__sqliteWriter?.writer.close();
  globalForWriter.__sqliteWriter = undefined;
}
