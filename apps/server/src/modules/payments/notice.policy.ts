/**
 * Whether `now` (Shanghai time) falls in the quiet hours [startHour, endHour), which may span midnight; equal hours
 * mean none. Non-urgent messages wait for the end of the quiet hours.
 */
export function inQuietHours(now: Date, startHour: number, endHour: number): boolean {
  if (startHour === endHour) return false;
  const hour = (now.getUTCHours() + 8) % 24;
  return startHour < endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour;
}
