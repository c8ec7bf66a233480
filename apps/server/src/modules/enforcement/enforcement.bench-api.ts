/**
 * What tools/bench/reports.bench.ts times, in one place (the server package exports this file only): the statistics
 * of P1 (recognition accuracy), P5 (breathalyser readings) and P10 (handheld queries), from their rollups and by the raw
 * GROUP BY they replace.
 */

export { alcoholRepository } from './alcohol/alcohol.repository.ts';
export { queryLogRepository } from './query-log/query-log.repository.ts';
export { violationsRepository } from './violations/violations.repository.ts';
