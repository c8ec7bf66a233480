import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';

/** 起始日期–截止日期 of a list filter; null: any day. */
export type DayRange = [Dayjs, Dayjs] | null;

/** The days of a range as the API takes them (YYYY-MM-DD), both absent for any day. */
export const rangeDays = (range: DayRange) => ({ from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD') });

/** An optional day range filtering a server-paged list: a new range starts the list again on page 1. */
export function DayRangePicker({
  value,
  onChange,
  reset,
  'data-testid': testId,
}: {
  value: DayRange;
  onChange: (range: DayRange) => void;
  /** Back to page 1 (usePagination's `reset`). */
  reset: () => void;
  'data-testid'?: string;
}) {
  return (
    <DatePicker.RangePicker
      value={value}
      placeholder={['起始日期', '截止日期']}
      onChange={(v) => {
        onChange(v?.[0] && v[1] ? [v[0], v[1]] : null);
        reset();
      }}
      data-testid={testId}
    />
  );
}
