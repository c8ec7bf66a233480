import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import * as archive from './archive/index.ts';
import * as ebike from './ebike/index.ts';
import * as enforcement from './enforcement/index.ts';
import * as exchange from './exchange/index.ts';
import * as masking from './masking/index.ts';
import * as payments from './payments/index.ts';
import * as platform from './platform/index.ts';
import * as publishing from './publishing/index.ts';
import * as recognition from './recognition/index.ts';
import * as roadworks from './roadworks/index.ts';
import * as system from './system/index.ts';
import * as tempplate from './tempplate/index.ts';
import * as validators from './validators/index.ts';

/** The entries of @shtp/core (package.json `exports`): one home for every name, every error code, every permission code. */
const ENTRIES: Record<string, Record<string, unknown>> = {
  platform,
  system,
  ebike,
  archive,
  recognition,
  enforcement,
  tempplate,
  roadworks,
  exchange,
  payments,
  publishing,
  validators,
  masking,
};

describe('@shtp/core entries', () => {
  it('are the folders listed in package.json, without a root entry', () => {
    const exports: Record<string, string> = pkg.exports;
    expect(exports['.']).toBeUndefined();
    expect(exports).toEqual(Object.fromEntries(Object.keys(ENTRIES).map((e) => [`./${e}`, `./src/${e}/index.ts`])));
  });

  it('export each name from one entry only', () => {
    const home = new Map<string, string>();
    const twice: string[] = [];
    for (const [entry, names] of Object.entries(ENTRIES)) {
      for (const name of Object.keys(names)) {
        if (home.has(name)) twice.push(`${name}: ${home.get(name)} and ${entry}`);
        home.set(name, entry);
      }
    }
    expect(twice).toEqual([]);
  });

  it('list each API error code in one table, and each permission code in one catalogue', () => {
    const tables = [
      platform.PLATFORM_ERROR_CODES,
      system.SYSTEM_ERROR_CODES,
      ebike.EBIKE_ERROR_CODES,
      recognition.RECOGNITION_ERROR_CODES,
      enforcement.ENFORCEMENT_ERROR_CODES,
      archive.ARCHIVE_ERROR_CODES,
      tempplate.TEMPPLATE_ERROR_CODES,
      exchange.EXCHANGE_ERROR_CODES,
    ];
    const codes = tables.flatMap((t) => Object.keys(t));
    expect(codes.length).toBeGreaterThan(60);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    for (const code of platform.SERVICE_REJECTION_CODES) expect(codes).toContain(code);

    const permissions = [
      ...Object.values(platform.P),
      ...Object.values(ebike.EBIKE_P),
      ...Object.values(recognition.RECOGNITION_P),
      ...Object.values(enforcement.ENFORCEMENT_P),
      ...Object.values(archive.ARCHIVE_P),
      ...Object.values(tempplate.TEMPPLATE_P),
      ...Object.values(exchange.EXCHANGE_P),
    ];
    expect(new Set(permissions).size).toBe(permissions.length);
    for (const code of Object.values(recognition.RECOGNITION_P)) expect(code).toMatch(/^recognition(:|$)/);
    for (const code of Object.values(ebike.EBIKE_P)) expect(code).toMatch(/^ebike(:|$)/);
    for (const code of Object.values(archive.ARCHIVE_P)) expect(code).toMatch(/^archive(:|$)/);
    for (const code of Object.values(tempplate.TEMPPLATE_P)) expect(code).toMatch(/^tempplate(:|$)/);
  });
});
