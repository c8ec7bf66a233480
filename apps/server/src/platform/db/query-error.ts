import { DrizzleQueryError } from 'drizzle-orm';

/** Fields of a PostgreSQL error (pg and PGlite) that name what failed without quoting any value. */
const PG_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;

/** Values PostgreSQL quotes in its messages: `"…"` and `(…)=(…)` of a key. */
const QUOTED = /"[^"]*"|\([^)]*\)=\([^)]*\)/g;

/**
 * The message of an error without the parameters of a failed query: Drizzle puts them in its message
 * ("Failed query: … params: …"), and they hold personal data and credentials. The SQL text stays (placeholders only).
 */
export function messageWithoutParams(err: unknown): string {
  if (err instanceof DrizzleQueryError) return `Failed query: ${err.query}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * An unexpected error as it may be logged: type, message without query parameters, stack frames (the stack's
 * first line repeats the message), and the database's error code and object names — never its detail, which
 * quotes rows, nor the values it quotes in its message.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).replace(QUOTED, '"…"') };
  const out: Record<string, unknown> = {
    type: err.name,
    message: messageWithoutParams(err),
    stack: err.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
  const cause = err instanceof DrizzleQueryError ? err.cause : err;
  if (cause && typeof cause === 'object' && typeof (cause as { code?: unknown }).code === 'string') {
    const pg = cause as unknown as Record<string, unknown>;
    out.db = {
      message: typeof pg.message === 'string' ? pg.message.replace(QUOTED, '"…"') : undefined,
      ...Object.fromEntries(PG_FIELDS.filter((f) => pg[f] !== undefined).map((f) => [f, pg[f]])),
    };
  } else if (cause instanceof Error && cause !== err) {
    out.cause = loggableError(cause);
  }
  return out;
}
