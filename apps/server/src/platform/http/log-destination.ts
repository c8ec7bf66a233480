import pino from 'pino';

/** What the log gathers before it writes: a dozen request lines. */
export const LOG_BUFFER_BYTES = 4096;

/**
 * The server's log output: lines gather in a buffer and leave in one write (N1, issue #19). At LOG_LEVEL=info
 * Fastify logs two lines a request, and pino's default destination writes each with a syscall of its own.
 *
 * Writes are synchronous, so no write is ever in flight when the process ends: the buffer is written out on exit
 * (a normal shutdown, process.exit, an uncaught exception) and by pino itself after every fatal line. The returned
 * `close` writes out what is left and stops the periodic flush, by which a quiet server's lines leave within `flushMs`.
 */
export function bufferedLogDestination({ fd = process.stdout.fd, flushMs = 1000 }: { fd?: number; flushMs?: number } = {}) {
  const destination = pino.destination({ dest: fd, sync: true, minLength: LOG_BUFFER_BYTES, periodicFlush: flushMs });
  const flushOnExit = () => destination.flushSync();
  process.once('exit', flushOnExit);
  return {
    destination,
    close() {
      process.off('exit', flushOnExit);
      destination.flushSync();
      destination.end();
    },
  };
}
