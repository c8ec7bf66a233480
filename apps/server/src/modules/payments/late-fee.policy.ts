/**
 * 加处罚款 (DOMAIN.md, 行政处罚法 art.72): `min(fine × rate × days overdue, fine)`, in fen, rounded down. Days are
 * whole calendar days after the due date (YYYY-MM-DD, Shanghai); paying on the due date costs nothing extra.
 */
export function lateFeeFen(fineFen: number, dueDate: string, payDay: string, ratePercentPerDay: number): number {
  const days = Math.max(0, Math.round((Date.parse(`${payDay}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000));
  if (!Number.isFinite(days)) return 0;
  return Math.min(Math.floor((fineFen * ratePercentPerDay * days) / 100), fineFen);
}
