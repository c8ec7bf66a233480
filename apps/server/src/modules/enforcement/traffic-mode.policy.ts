import { type CodeTableVersion, detainableModes, PARTY_CLASSES, trafficModeFits, type ViolationCode } from '@shtp/core/enforcement';

/** P8: whether the 交通方式 is in the table version and fits the violation code's class of party; null when it does. */
export function trafficModeRefusal(table: CodeTableVersion, mode: string, code: ViolationCode): string | null {
  const entry = table.trafficModes.find((m) => m.code === mode);
  if (!entry) return `交通方式 ${mode} 不在代码表（${table.version}）中`;
  if (!trafficModeFits(entry, code)) return `交通方式“${entry.name}”与违法代码 ${code.code}（${PARTY_CLASSES[code.partyClass]}违法）不符`;
  return null;
}

/** P8/P9: whether the conveyance's mode may be detained on the spot (a non-motor vehicle or other conveyance of the table). */
export function detentionModeRefusal(table: CodeTableVersion, mode: string): string | null {
  if (detainableModes(table).some((m) => m.code === mode)) return null;
  const entry = table.trafficModes.find((m) => m.code === mode);
  return entry ? `“${entry.name}”不适用先予扣留其他通行工具，请选择非机动车或其他通行工具` : `通行工具类别 ${mode} 不在代码表（${table.version}）中`;
}
