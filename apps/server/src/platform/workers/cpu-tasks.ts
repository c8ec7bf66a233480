import { sm2Sign } from '@shtp/gm';
import { blindIndexOf, type FieldJob, fieldKeyVersion, openField, sealField } from '../keys/field-seal.ts';

/**
 * The CPU-heavy steps that run on the worker threads of `CpuPool` (never on the request thread): pure functions of
 * plain data, so that their input and output cross the thread boundary by structured clone.
 */
export const CPU_TASKS = {
  /** SM2-with-SM3 signatures (DER, base64) of each message with one key pair and signer ID. */
  'sm2-sign'(input: { privateKey: string; publicKey: string; userId: string; messages: string[] }): string[] {
    const pair = { privateKey: input.privateKey, publicKey: input.publicKey };
    return input.messages.map((m) => sm2Sign(m, pair, { userId: input.userId }).toString('base64'));
  },
  /** Personal-data fields sealed (SM4, bound to their context) or blind-indexed (HMAC-SM3), in order (FieldCrypto.protectMany). */
  'field-protect'(input: { encKey: Uint8Array; encVersion: number; indexKey: Uint8Array; jobs: FieldJob[] }): string[] {
    return input.jobs.map((j) => ('seal' in j ? sealField(input.encKey, input.encVersion, j.seal, j.context) : blindIndexOf(input.indexKey, j.index, j.kind)));
  },
  /** Stored fields opened with their version's key and sealed with the new one, in order (FieldCrypto.resealMany). */
  'field-reseal'(input: { oldKeys: Record<number, Uint8Array>; newKey: Uint8Array; newVersion: number; values: string[]; context: string }): string[] {
    return input.values.map((stored) => {
      const key = input.oldKeys[fieldKeyVersion(stored) ?? -1];
      if (!key) throw new Error('unknown key version');
      return sealField(input.newKey, input.newVersion, openField(key, stored, input.context), input.context);
    });
  },
  /** For tests of the pool itself: spins the CPU for `ms` and answers how long it took. */
  spin(input: { ms: number }): number {
    const start = performance.now();
    while (performance.now() - start < input.ms) {
      // busy on purpose
    }
    return performance.now() - start;
  },
} as const;

export type CpuTaskName = keyof typeof CPU_TASKS;
export type CpuTaskInput<K extends CpuTaskName> = Parameters<(typeof CPU_TASKS)[K]>[0];
export type CpuTaskOutput<K extends CpuTaskName> = ReturnType<(typeof CPU_TASKS)[K]>;
