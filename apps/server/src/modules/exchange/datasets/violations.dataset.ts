import type { DataSet } from './dataset.ts';

/**
 * 违法与处罚决定 (police → internet): what a citizen needs to query and pay a fine. Sent by the police zone's violation
 * source through `ExchangeApi.enqueue` (no violation module exists yet); the plate is masked, the decision number is not
 * (the payer needs it, SECURITY.md §3).
 */
export const violationsDataSet: DataSet = {
  channel: 'violations',
  businessType: '交通违法与处罚决定',
  schemaVersion: 1,
  from: 'police',
  rules: {
    decisionNo: 'none',
    plate: 'plate',
    plateKind: 'none',
    occurredAt: 'none',
    place: 'none',
    act: 'none',
    points: 'none',
    fineFen: 'none',
    dueDate: 'none',
    paid: 'none',
  },
};
