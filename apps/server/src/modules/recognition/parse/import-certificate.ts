import { checkVin } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import type { Check, Field } from './facts.ts';
import { check, compact, findVin } from './identifiers.ts';
import { dateField, fieldFrom, formRows, type LabelSpec, label, labelledValues, textField } from './labelled.ts';

export const IMPORT_FIELDS = [
  'certificateNo',
  'consignee',
  'port',
  'tradeMode',
  'brand',
  'model',
  'vin',
  'engineNo',
  'originCountry',
  'importDate',
  'declarationNo',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportCertificateReading {
  fields: Record<ImportField, Field>;
  checks: Check[];
}

const LABELS: LabelSpec<ImportField>[] = [
  { key: 'certificateNo', re: /(?:证\s*明\s*书\s*号|编\s*号|No\.?)/y },
  { key: 'consignee', re: /(?:收\s*货\s*人|收\s*货\s*单\s*位)/y },
  { key: 'port', re: label('进口口岸') },
  { key: 'tradeMode', re: label('贸易方式') },
  { key: 'brand', re: label('品牌') },
  { key: 'model', re: /(?:型\s*号|规\s*格\s*型\s*号)/y },
  { key: 'vin', re: /(?:车\s*辆\s*识\s*别\s*代\s*号|车\s*架\s*号)\s*(?:\(\s*VIN\s*\))?|VIN/y },
  { key: 'engineNo', re: /发\s*动\s*机\s*号\s*码?/y },
  { key: 'originCountry', re: /原\s*产\s*(?:国|地)\s*(?:\(\s*地\s*区\s*\))?/y },
  { key: 'importDate', re: label('进口日期') },
  { key: 'declarationNo', re: label('报关单号') },
  { key: null, re: /签\s*发\s*海\s*关|货\s*物\s*进\s*口\s*证\s*明\s*书|中\s*华\s*人\s*民\s*共\s*和\s*国\s*海\s*关/y },
];

const alnum = (s: string) => compact(s).replace(/[^0-9A-Z]/g, '');

/** Reads a customs import certificate (货物进口证明书) for a vehicle: fields by label, the VIN by shape and check digit. */
export function readImportCertificate(lines: OcrLine[]): ImportCertificateReading {
  const v = labelledValues(formRows(lines), LABELS);
  let vin: Field = textField(v.vin, lines, alnum);
  const labelled = v.vin ? findVin(v.vin.text) : null;
  if (v.vin && labelled) vin = fieldFrom(labelled.value, lines, v.vin.members);
  if (!labelled?.valid) {
    for (const [i, l] of lines.entries()) {
      const f = findVin(l.text) ?? (l.alt.vin ? findVin(l.alt.vin.text) : null);
      if (f?.valid) {
        vin = fieldFrom(f.value, lines, [i]);
        break;
      }
    }
  }
  const fields: Record<ImportField, Field> = {
    certificateNo: textField(v.certificateNo, lines, alnum),
    consignee: textField(v.consignee, lines),
    port: textField(v.port, lines),
    tradeMode: textField(v.tradeMode, lines),
    brand: textField(v.brand, lines),
    model: textField(v.model, lines),
    vin,
    engineNo: textField(v.engineNo, lines, alnum),
    originCountry: textField(v.originCountry, lines),
    importDate: dateField(v.importDate, lines),
    declarationNo: textField(v.declarationNo, lines, (s) => s.replace(/[Oo]/g, '0').replace(/\D/g, '')),
  };
  return { fields, checks: importChecks(fields) };
}

export function importChecks(f: Record<ImportField, Field>): Check[] {
  const checks: Check[] = [];
  if (!f.vin.value) checks.push(check('import.vin.check', '车辆识别代号校验位', 'unknown', '未识别到车辆识别代号'));
  else {
    const r = checkVin(f.vin.value);
    checks.push(check('import.vin.check', '车辆识别代号校验位', r.ok ? 'pass' : 'fail', r.ok ? '车辆识别代号校验位正确（ISO 3779）' : r.message));
  }
  if (!f.certificateNo.value) checks.push(check('import.certificateNo.found', '识别到证明书号', 'fail', '未识别到证明书号'));
  return checks;
}
