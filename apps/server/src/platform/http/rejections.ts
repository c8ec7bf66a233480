import type { ApiErrorCode } from '@shtp/core/platform';
import { AppError } from './errors.ts';

/** The HTTP status and Chinese reason of each code of a family of refusals (envelopes, signed service calls). */
export type RejectionTable<C extends ApiErrorCode> = Record<C, { status: number; message: string }>;

/** A family's reason by code, and the error the caller receives: its code's status, and its reason unless told another. */
export function rejectionsOf<C extends ApiErrorCode>(table: RejectionTable<C>) {
  return {
    message: (code: C): string => table[code].message,
    error: (code: C, message = table[code].message): AppError => new AppError(table[code].status, code, message),
  };
}
