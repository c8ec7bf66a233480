import { useMemo, useRef } from 'react';

/** A fresh Idempotency-Key; getRandomValues covers consoles served over plain HTTP, where randomUUID is absent. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of a form submission: the same key for every retry of the same values (double click, lost
 * answer), a new one as soon as the values change or a submission has succeeded.
 */
export function useSubmissionKey() {
  const key = useRef<string | null>(null);
  return useMemo(
    () => ({
      current: () => {
        key.current ??= newKey();
        return key.current;
      },
      renew: () => {
        key.current = null;
      },
    }),
    [],
  );
}
