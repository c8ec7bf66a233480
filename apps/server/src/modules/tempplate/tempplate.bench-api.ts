/**
 * What tools/bench/tempplate.bench.ts times, in one place (the server package exports this file only): the queries
 * of the statistics (T11, T12, T25), the inbox page, the real-time evaluation of one business and the batch
 * re-evaluation of a window.
 */

export { factsOf } from './intake/business-record.ts';
export { businessesRepository } from './intake/businesses.repository.ts';
export { dayCountsRepository } from './intake/day-counts.repository.ts';
export { reportsRepository } from './reports/reports.repository.ts';
export { evaluateBusiness, paramSetVersion } from './rules/evaluation.ts';
export { reevaluateWindow } from './rules/reevaluation.service.ts';
export { readSettings } from './rules/rules.ts';
export { workOrdersRepository } from './work-orders/work-orders.repository.ts';
