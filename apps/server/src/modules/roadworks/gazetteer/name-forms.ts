import type { NameForm } from './gazetteer.repository.ts';
import { roadNameKeys } from './road-keys.ts';

/** The searchable name forms of a road: its standard name, aliases and former names (each once). */
export function nameForms(road: { name: string; aliases: string[]; formerNames: string[] }): NameForm[] {
  const seen = new Set<string>();
  const forms: NameForm[] = [];
  const add = (name: string, kind: NameForm['kind']) => {
    if (seen.has(name)) return;
    seen.add(name);
    forms.push({ name, kind, ...roadNameKeys(name) });
  };
  add(road.name, 'standard');
  for (const a of road.aliases) add(a, 'alias');
  for (const f of road.formerNames) add(f, 'former');
  return forms;
}
