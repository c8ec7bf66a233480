import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { rwCases, rwGazetteerHistory, rwIntersections, rwPlacements, rwRoadNames, rwRoads, rwSegments, rwSubdistricts, rwWarnings } from './roadworks.table.ts';

const GAZETTEER = '标准路名库（R5），不含个人信息';

/**
 * Personal information in the 道路施工 tables: none but staff references. A road-works case is filed by a unit
 * (建设单位、管线单位) on 一网通办, so the applicant is an organisation name; the free-text fields can name a person.
 */
export const ROADWORKS_PI = [
  classify(rwRoads, GAZETTEER, {
    id: N,
    name: N,
    aliases: N,
    formerNames: N,
    districts: N,
    grade: N,
    partial: N,
    version: N,
    updatedAt: N,
    updatedBy: STAFF_REF,
  }),
  classify(rwRoadNames, GAZETTEER, { id: N, roadId: N, name: N, kind: N, key: N, pinyin: N, initials: N }),
  classify(rwIntersections, GAZETTEER, { id: N, name: N, roadIds: N, districtCode: N, version: N }),
  classify(rwSegments, GAZETTEER, {
    id: N,
    roadId: N,
    fromIntersectionId: N,
    toIntersectionId: N,
    seq: N,
    districtCode: N,
    geometry: N,
    protectedSince: N,
    protectionKind: N,
    version: N,
    updatedAt: N,
    updatedBy: STAFF_REF,
  }),
  classify(rwGazetteerHistory, '标准路名的历史版本', { id: N, entity: N, entityId: N, version: N, data: N, changedBy: STAFF_REF, changedAt: N }),
  classify(rwSubdistricts, GAZETTEER, { code: N, name: N, districtCode: N }),
  classify(rwCases, '一网通办道路施工办件（申请人为单位）', {
    id: N,
    caseNo: N,
    applicant: N,
    worksType: N,
    requestedFrom: N,
    requestedTo: N,
    lanes: N,
    trafficPlan: pi('free-text', 'plain', '交通组织方案，可能写有联系人'),
    attachments: N,
    locationText: N,
    status: N,
    emergency: N,
    startedAt: N,
    filingDueAt: N,
    districtCode: N,
    departmentId: N,
    receivedAt: N,
    decisionReason: pi('free-text', 'plain'),
    decidedBy: STAFF_REF,
    decidedAt: N,
    decisionSync: N,
    completedAt: N,
    version: N,
  }),
  classify(rwPlacements, '施工所在路段与期限', { id: N, caseId: N, segmentId: N, offsetM: N, period: N, digging: N }),

  classify(rwWarnings, '重复施工预警及证据（许可编号、路段、日期）', {
    id: N,
    caseId: N,
    rule: N,
    segmentId: N,
    districtCode: N,
    message: N,
    evidence: N,
    createdAt: N,
  }),
];
