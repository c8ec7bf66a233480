/**
 * P12: the delivery platforms' rider registry (骑手信息), queried by ID number for a rider's contact phone. The
 * platforms answer through one gateway; a rider may work for several platforms.
 */
export interface RiderContact {
  platform: string;
  riderName: string;
  phone: string;
}

export type RiderAnswer = { outcome: 'found'; contacts: RiderContact[] } | { outcome: 'unavailable'; reason: string };

export interface RiderRegistryPort {
  readonly target: string;
  contacts(query: { idNumber: string; purpose: string }, opts: { timeoutMs: number }): Promise<RiderAnswer>;
}
