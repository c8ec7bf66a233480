import { checkIdNumber } from '@shtp/core/validators';
import type { Check } from '../parse/facts.ts';
import { check, compact } from '../parse/identifiers.ts';
import type { Classification, DocType } from './classify.ts';
import { DOC_TYPE_LABEL } from './classify.ts';

/** One uploaded image of the case, classified, with what was read on it (ID number, validity) when it matters. */
export interface ClassifiedImage {
  index: number;
  classification: Classification;
  /** The ID number printed on an identity document or residence permit, when read. */
  idNumber?: string | null;
  /** The document's own checks (e.g. permit validity). */
  checks?: Check[];
}

export type MaterialStatus = 'present' | 'missing' | 'unreadable';

export interface MaterialResult {
  /** The requirement as configured: alternatives separated by `|`. */
  requirement: string;
  label: string;
  status: MaterialStatus;
  /** Images that satisfy it. */
  images: number[];
  message: string;
  checks: Check[];
}

export interface MaterialsReport {
  /** T21 applies to a non-Shanghai ID only (area code not 31xxxx). */
  applicable: boolean;
  idArea: { code: string; shanghai: boolean } | null;
  complete: boolean;
  materials: MaterialResult[];
  message: string;
}

/** Below this classification confidence, or with this little text, an image counts as unreadable, not as "other". */
export const READABLE = { minConfidence: 0.35, minCharacters: 12 };

export function isReadable(c: Classification): boolean {
  return c.characters >= READABLE.minCharacters && (c.type === 'other' || c.confidence >= READABLE.minConfidence);
}

/**
 * T21 — 非沪籍无居住证明材料: for a temporary-plate case whose applicant's ID number is not from Shanghai, which of the
 * required materials (system parameter, alternatives per requirement) are among the uploaded images: present, missing,
 * or unreadable (no image shows it, but at least one image could not be read and might). A present identity document
 * or residence permit must carry the applicant's ID number, and a residence permit must be in force.
 */
export function checkMaterials(idNumber: string, requirements: string[], images: ClassifiedImage[]): MaterialsReport {
  const id = checkIdNumber(idNumber);
  if (!id.ok) throw new Error('checkMaterials needs a validated ID number');
  const shanghai = id.areaCode.startsWith('31');
  const idArea = { code: id.areaCode, shanghai };
  if (shanghai) {
    return {
      applicable: false,
      idArea,
      complete: true,
      materials: [],
      message: '申请人为沪籍身份证（行政区划代码 31 开头），不适用外省市居住证明材料核查（T21）',
    };
  }
  const unreadable = images.filter((i) => !isReadable(i.classification)).map((i) => i.index);
  const materials = requirements.map((requirement): MaterialResult => {
    const types = requirement.split('|') as DocType[];
    const label = types.map((t) => DOC_TYPE_LABEL[t]).join(' 或 ');
    const matching = images.filter((i) => isReadable(i.classification) && types.includes(i.classification.type));
    if (matching.length === 0) {
      return unreadable.length
        ? {
            requirement,
            label,
            status: 'unreadable',
            images: [],
            message: `未见${label}；第 ${unreadable.map((i) => i + 1).join('、')} 张图片无法识别，可能为该材料，请人工核对`,
            checks: [],
          }
        : { requirement, label, status: 'missing', images: [], message: `缺少${label}`, checks: [] };
    }
    const checks: Check[] = [];
    for (const img of matching) {
      const n = img.index + 1;
      if (img.idNumber === undefined) continue;
      checks.push(
        !img.idNumber
          ? check(`material.${img.index}.idNumber`, `第 ${n} 张：证件号码与申请人一致`, 'unknown', '未识别到证件上的公民身份号码')
          : compact(img.idNumber) === compact(idNumber)
            ? check(`material.${img.index}.idNumber`, `第 ${n} 张：证件号码与申请人一致`, 'pass', '证件上的公民身份号码与申请人一致')
            : check(`material.${img.index}.idNumber`, `第 ${n} 张：证件号码与申请人一致`, 'fail', '证件上的公民身份号码与申请人不一致'),
      );
      for (const c of img.checks ?? [])
        if (c.code === 'permit.validity.current') checks.push({ ...c, code: `material.${img.index}.validity`, name: `第 ${n} 张：${c.name}` });
    }
    const images_ = matching.map((i) => i.index);
    return { requirement, label, status: 'present', images: images_, message: `已提供${label}（第 ${images_.map((i) => i + 1).join('、')} 张）`, checks };
  });
  const complete = materials.every((m) => m.status === 'present' && m.checks.every((c) => c.result !== 'fail'));
  const missing = materials.filter((m) => m.status !== 'present').map((m) => m.label);
  return {
    applicable: true,
    idArea,
    complete,
    materials,
    message: complete
      ? '外省市户籍申请人的居住证明材料齐全'
      : missing.length
        ? `外省市户籍申请人缺少或无法识别：${missing.join('、')}`
        : '材料已提供，但有核对项未通过',
  };
}
