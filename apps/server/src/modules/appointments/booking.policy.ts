/** A station that takes bookings: the police department that receives them and the window's name. */
export interface Station {
  departmentCode: string;
  name: string;
}

/** The stations of the `appointments.stations` parameter ("code|name"). */
export const stationsOf = (entries: readonly string[]): Station[] =>
  entries.map((e) => {
    const [departmentCode = '', name = ''] = e.split('|');
    return { departmentCode, name };
  });

/** The calendar day in Shanghai of an instant (YYYY-MM-DD). */
export const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface BookingRule {
  stations: readonly Station[];
  slots: readonly string[];
  maxDaysAhead: number;
}

/** Why a booking request cannot be taken, per field (Chinese), or an empty object. */
export function bookingRefusals(
  req: { departmentCode: string; station: string; day: string; slot: string },
  rule: BookingRule,
  today: string,
): Record<string, string> {
  const refusals: Record<string, string> = {};
  if (!rule.stations.some((s) => s.departmentCode === req.departmentCode && s.name === req.station)) refusals.station = '该站点不接受预约';
  if (!rule.slots.includes(req.slot)) refusals.slot = '该时段不接受预约';
  if (req.day <= today) refusals.day = '只能预约明天及以后的日期';
  else if (req.day > addDays(today, rule.maxDaysAhead)) refusals.day = `最多可预约 ${rule.maxDaysAhead} 天以内的日期`;
  return refusals;
}

/** A booking may be cancelled while it is live and its day has not begun. */
export const cancellable = (b: { state: string; day: string }, today: string) => b.state === 'booked' && b.day > today;
