import { CASE_STATUSES, DECISION_SYNC, ROAD_GRADES, WARNING_RULES, WORKS_TYPES } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';

/** The code tables of @shtp/core/roadworks under the names the pages use. */
export const GRADE_LABELS = ROAD_GRADES;
export const WORKS_LABELS = WORKS_TYPES;
export const STATUS_LABELS = CASE_STATUSES;
export const SYNC_LABELS = DECISION_SYNC;
export const RULE_LABELS = WARNING_RULES;
export const districtName = (code: string | null) => (code ? ((SHANGHAI_DISTRICTS as Record<string, string>)[code] ?? code) : '未定位');
