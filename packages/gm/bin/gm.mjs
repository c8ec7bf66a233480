#!/usr/bin/env node
// `gm` — the package's command-line tool. The CLI is TypeScript (src/cli); tsx's loader compiles it on the fly, so a
// plain `npm ci` is enough (no build step), the same way the server runs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
