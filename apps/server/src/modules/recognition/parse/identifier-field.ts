import type { OcrLine } from '../engine/types.ts';
import { emptyField, type Field } from './facts.ts';
import { fieldFrom, type LabelledValue } from './labelled.ts';

type Finder = (text: string) => { value: string; valid: boolean } | null;

/**
 * An identifier printed by its label, or on its own line away from it (`税字 310115MA1FL0Q10 号`, the code under its
 * label): the labelled value when it verifies; else a line whose value verifies; else the first identifier-shaped
 * value, so that its check fails rather than reads as missing.
 */
export function identifierField(labelled: LabelledValue | undefined, lines: OcrLine[], find: Finder): Field {
  let field: Field = emptyField<string>();
  const byLabel = labelled ? find(labelled.text) : null;
  if (labelled && byLabel) field = fieldFrom(byLabel.value, lines, labelled.members);
  if (byLabel?.valid) return field;
  const found = lines.map((l, i) => ({ i, f: find(l.text) })).filter((x) => x.f !== null);
  const pick = found.find((x) => x.f?.valid) ?? (field.value ? null : found[0]);
  return pick?.f ? fieldFrom(pick.f.value, lines, [pick.i]) : field;
}
