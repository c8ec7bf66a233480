/**
 * Layer rules checked by `npm run lint` (docs/adr/0014-module-contract.md). Type-only imports count too: a module
 * that needs another module's types takes them from its `*.api.ts` (or its `*.ports.ts`), like everyone else.
 */
const MODULE = '^apps/server/src/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide start-up order and global state; break them with a leaf file (descriptors, types).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-not-to-modules',
      severity: 'error',
      comment: 'The platform serves every module and knows none of them.',
      from: { path: '^apps/server/src/platform/' },
      to: { path: ['^apps/server/src/modules/', '^apps/server/src/integrations/'] },
    },
    {
      name: 'module-to-module-only-through-api',
      severity: 'error',
      comment: 'A module reaches another only through its *.api.ts (and the types of its *.ports.ts).',
      from: { path: MODULE },
      to: {
        path: '^apps/server/src/modules/([^/]+)/',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/[^/]+\\.api\\.ts$', '^apps/server/src/modules/app-module\\.ts$'],
      },
    },
    {
      name: 'web-not-to-server',
      severity: 'error',
      comment: 'The console shares code with the server only through @shtp/core.',
      from: { path: '^apps/web/' },
      to: { path: ['^apps/server/', '^tools/'] },
    },
    {
      name: 'production-not-to-tools-or-tests',
      severity: 'error',
      comment: 'Production code never imports tools, the test kit, test helpers or fixtures (the demo data may: it runs only in development).',
      from: {
        path: '^(apps|packages)/[^/]+/src/',
        pathNot: ['^packages/testkit/', '\\.test\\.tsx?$', '\\.test-fixtures\\.ts$', '/test-setup\\.ts$', '/demo/'],
      },
      to: { path: ['^tools/', '^packages/testkit/', '^apps/server/test/', '^tests/', '\\.test-fixtures\\.ts$'] },
    },
    {
      name: 'core-shared-entries-stand-alone',
      severity: 'error',
      comment: '@shtp/core/validators and /masking (and the data they read) import no other entry of core.',
      from: { path: '^packages/core/src/(validators|masking|data)/' },
      to: { path: '^packages/core/src/', pathNot: '^packages/core/src/(validators|masking|data)/' },
    },
    {
      name: 'core-module-entries-apart',
      severity: 'error',
      comment: 'An entry of @shtp/core builds on /platform, /validators and /masking only: module entries never import each other, /platform no module.',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: { path: '^packages/core/src/', pathNot: ['^packages/core/src/$1/', '^packages/core/src/(platform|validators|masking|data)/'] },
    },
    {
      name: 'platform-not-to-module-core',
      severity: 'error',
      comment: 'The server platform uses the shared entries of @shtp/core, never a module entry.',
      from: { path: '^apps/server/src/platform/' },
      to: { path: '^packages/core/src/', pathNot: '^packages/core/src/(platform|validators|masking)/' },
    },
  ],
  options: {
    // Re-reads only the files whose content changed since the last run (about 1 s instead of 4 s). Cruise `.`: the
    // content strategy counts every file under the folder it cruises, and files outside the cruise would void the cache.
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '\\.d\\.ts$', '^(data|coverage|test-results|tmp|keys|backups|\\.vite)/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
