import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyAudit, describeAudit, EXIT } from './npm-audit.mjs';

/* IP-3: the CI audit step tells "vulnerabilities found" from "the audit endpoint did not answer". */

/** What npm 11 prints here: the registry mirror answers the bulk advisory POST with 405. */
const MIRROR_405 = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
});
/** What npm 11 prints with no network to the registry. */
const REFUSED = JSON.stringify({
  message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
  error: { summary: '', detail: '' },
});

const advisory = (name: string, severity: string, title: string) => ({
  name,
  severity,
  isDirect: false,
  via: [{ source: 1, name, dependency: name, title, url: `https://github.com/advisories/GHSA-${name}`, severity, range: '<9.9.9' }],
  effects: [],
  range: '<9.9.9',
  nodes: [`node_modules/${name}`],
  fixAvailable: true,
});
const report = (vulnerabilities: Record<string, unknown>, counts: Partial<Record<string, number>>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts },
      dependencies: { prod: 321, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: 320 },
    },
  });
const VULNERABLE = report(
  {
    'fast-xml-parser': advisory('fast-xml-parser', 'high', 'prototype pollution'),
    semver: advisory('semver', 'moderate', 'ReDoS'),
    // A package vulnerable only through another one names it instead of an advisory.
    exceljs: { name: 'exceljs', severity: 'high', via: ['fast-xml-parser'], effects: [], range: '*', nodes: [], fixAvailable: false },
  },
  { moderate: 1, high: 2, total: 3 },
);
const MODERATE_ONLY = report({ semver: advisory('semver', 'moderate', 'ReDoS') }, { moderate: 1, total: 1 });
const CLEAN = report({}, {});

describe('IP-3 npm audit classification', () => {
  it('an endpoint that does not answer with a report is "not audited", never "clean"', () => {
    expect(classifyAudit(MIRROR_405)).toEqual({ outcome: 'unavailable', reason: expect.stringContaining('405 Method Not Allowed') });
    expect(classifyAudit(REFUSED)).toEqual({ outcome: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
    expect(classifyAudit('', 'high', 'npm error audit endpoint returned an error\n')).toEqual({
      outcome: 'unavailable',
      reason: 'npm error audit endpoint returned an error',
    });
    expect(describeAudit(classifyAudit(MIRROR_405))).toMatch(/未完成依赖漏洞审计[\s\S]*这不是“没有漏洞”/);
  });

  it('findings at or above the threshold fail and are listed with their advisories; lower ones are only listed', () => {
    const result = classifyAudit(VULNERABLE, 'high');
    expect(result.outcome).toBe('vulnerable');
    if (result.outcome === 'unavailable') throw new Error('unreachable');
    expect(result.failing.map((f) => [f.name, f.severity])).toEqual([
      ['exceljs', 'high'],
      ['fast-xml-parser', 'high'],
    ]);
    expect(result.below.map((f) => f.name)).toEqual(['semver']);
    expect(result.counts).toMatchObject({ high: 2, moderate: 1, critical: 0 });
    const text = describeAudit(result, 'high');
    expect(text).toContain('[high] fast-xml-parser <9.9.9（有修复版本：npm audit fix）');
    expect(text).toContain('prototype pollution https://github.com/advisories/GHSA-fast-xml-parser');
    expect(text).toMatch(/低于阈值（仅提示）：\n {2}\[moderate\] semver/);
  });

  it('the threshold is a parameter: moderate fails at moderate, passes at high; a clean report passes', () => {
    expect(classifyAudit(MODERATE_ONLY, 'high').outcome).toBe('clean');
    expect(classifyAudit(MODERATE_ONLY, 'moderate').outcome).toBe('vulnerable');
    expect(classifyAudit(CLEAN).outcome).toBe('clean');
    expect(describeAudit(classifyAudit(CLEAN))).toContain('✓ 没有达到阈值的已知漏洞');
    expect(() => classifyAudit(CLEAN, 'severe')).toThrow(/未知的严重级别/);
  });
});

describe('IP-3 npm audit script exit codes (a stand-in npm on PATH)', () => {
  const bin = mkdtempSync(path.join(tmpdir(), 'fake-npm-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const script = path.join(import.meta.dirname, 'npm-audit.mjs');

  /** Runs the script with an `npm` that prints `output` and exits 1, as npm audit does on findings and on errors. */
  function runWith(output: string, args: string[] = []) {
    writeFileSync(path.join(bin, 'out.json'), output);
    writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\n[ "$1 $2 $3" = "audit --omit=dev --json" ] || exit 9\ncat "${bin}/out.json"\nexit 1\n`);
    chmodSync(path.join(bin, 'npm'), 0o755);
    return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AUDIT_LEVEL: '' } });
  }

  it('0 when clean, 1 on findings at the threshold, 3 when the endpoint did not answer, 2 on a bad level', () => {
    expect(runWith(CLEAN).status).toBe(EXIT.clean);
    const vulnerable = runWith(VULNERABLE);
    expect(vulnerable.status).toBe(EXIT.vulnerable);
    expect(vulnerable.stderr).toContain('✗ 2 个依赖达到阈值');
    const unavailable = runWith(MIRROR_405);
    expect(unavailable.status).toBe(EXIT.unavailable);
    expect(unavailable.stderr).toContain('405 Method Not Allowed');
    expect(runWith(MODERATE_ONLY, ['--level=moderate']).status).toBe(EXIT.vulnerable);
    expect(runWith(CLEAN, ['--level=severe']).status).toBe(EXIT.usage);
  });
});
