import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { publishContents } from './publishing.table.ts';

/** Public notices and consultation answers: no citizen's data; the authors and reviewers are staff. */
export const PUBLISHING_PI = [
  classify(publishContents, '信息发布内容（版本）', {
    id: N,
    itemKey: N,
    version: N,
    kind: N,
    title: N,
    body: N,
    state: N,
    createdBy: STAFF_REF,
    createdByName: pi('staff-identity', 'plain', '起草人姓名'),
    createdAt: N,
    reviewedBy: STAFF_REF,
    reviewedByName: pi('staff-identity', 'plain', '审核人姓名'),
    reviewedAt: N,
    reviewNote: pi('free-text', 'plain', '审核意见'),
    publishAt: N,
    withdrawnAt: N,
  }),
];
