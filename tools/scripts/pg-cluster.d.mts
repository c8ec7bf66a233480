// Types of pg-cluster.mjs for the TypeScript callers (the bench).

export class PostgresUnavailable extends Error {}

export function findPostgresBin(): string | null;

export interface ThrowawayPostgres {
  /** The superuser URL of the `postgres` database. */
  url: string;
  port: number;
  /** The bin folder of the PostgreSQL version that runs it. */
  bin: string;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): void;
}

export function startThrowawayPostgres(options?: {
  log?: (message: string) => void;
  warn?: (message: string) => void;
  settings?: Record<string, string | number>;
}): Promise<ThrowawayPostgres>;
