export type PostgresServer = {
  url: string;
  port: number;
  bin: string;
  database(name: string): string;
  stop(): Promise<void>;
  restart(downMs?: number): Promise<void>;
};
export function postgresBinaries(): string | null;
export function startPostgres(options?: { port?: number; database?: string }): Promise<PostgresServer>;
