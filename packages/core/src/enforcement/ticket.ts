import { VIOLATION_KINDS, type Violation } from './enforcement.ts';

/**
 * The ticket the handheld prints and the server renders as PDF: one layout. The thermal printer's paper: 58 mm rolls
 * (about 48 mm printable), the common width of portable police printers.
 */
export const TICKET_WIDTH_MM = 58;

export interface Ticket {
  title: string;
  number: string;
  lines: [label: string, value: string][];
  /** The decision and the 首违免罚 reasons, printed in full under the lines. */
  notes: string[];
}

const shanghaiTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

const optionalLine = (label: string, value: string | null): [string, string][] => (value ? [[label, value]] : []);

/** What the handheld prints for a ticket the server has accepted (the decision number is the server's). */
export function ticketOf(v: Violation): Ticket {
  const warning = v.kind === 'warning';
  return {
    title: `公安交通管理${VIOLATION_KINDS[v.kind]}`,
    number: v.decisionNo,
    lines: [
      ['被处罚人', v.partyName],
      ['身份证号', v.partyIdNumber],
      ...optionalLine('住址', v.partyAddress),
      ...optionalLine('号牌号码', v.plate),
      ['违法时间', shanghaiTime(v.occurredAt)],
      ['违法地点', v.place],
      ['违法行为', `${v.code} ${v.codeName}`],
      ['处罚', warning ? '警告' : `罚款 ${v.fine} 元`],
      ['执勤民警', v.officerName],
    ],
    notes: [
      ...(warning && v.firstViolation.eligible ? v.firstViolation.reasons.map((r) => `首违免罚：${r}`) : []),
      ...(v.educationRecordNo ? [`已接受现场教育，记录编号 ${v.educationRecordNo}`] : []),
      ...(warning ? [] : ['被处罚人应于十五日内缴纳罚款；不服的，可依法申请行政复议或提起行政诉讼。']),
    ],
  };
}
