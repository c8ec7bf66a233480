import dayjs from 'dayjs';

export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** `2024-05-01 08:30:00`, or a dash for a missing time. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format(DATE_TIME_FORMAT) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** An amount in 分 as 元 with two decimals: `200.00`. */
export const formatYuan = (fen: number): string => (fen / 100).toFixed(2);
