import type { TestProject } from 'vitest/node';
import { type MigratedTemplate, prepareMigratedTemplate } from './migrated-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    migratedTemplate: MigratedTemplate;
  }
}

/** Runs once per `vitest run` for the server project: the migrated database every test file copies. */
export default async function setup(project: TestProject) {
  project.provide('migratedTemplate', await prepareMigratedTemplate(process.env.TEST_DATABASE_URL));
}
