import { classify, NOT_PERSONAL as N, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { recognisedStaff } from './recognised-staff.table.ts';

/** Police-zone accounts recognised in the internet zone: the police zone's internal number and the local account. */
export const RECOGNISED_STAFF_PI = [
  classify(recognisedStaff, '公安网用户在互联网区的互认账户对应关系', { policeKey: N, userId: STAFF_REF, updatedAt: N, initialPasswordIssuedAt: N }),
];
