import type { OcrField } from '@shtp/core/enforcement';
import { Toast } from 'antd-mobile';
import { useState } from 'react';

export interface Recognised {
  value: string | null;
  confidence: number;
}
type Field = OcrField['field'];
type Reading<K extends Field> = Partial<Record<K, Recognised>>;

/**
 * P1: fields from one photo (a plate, an ID number, the front of an ID card); what was recognised is kept so that the
 * officer's correction of each field can be recorded with the ticket.
 */
export function usePhotoReading<K extends Field>(
  what: string,
  recognise: (photo: Blob) => Promise<Reading<K>>,
  onValues: (values: Partial<Record<K, string>>) => void,
) {
  const [recognized, setRecognized] = useState<Reading<K>>({});
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const reading = await recognise(file);
      const found = (Object.entries(reading) as [K, Recognised][]).filter(([, r]) => r.value);
      if (found.length === 0) return Toast.show({ content: `未识别到${what}，请手工输入` });
      setRecognized(Object.fromEntries(found) as Reading<K>);
      onValues(Object.fromEntries(found.map(([k, r]) => [k, r.value])) as Partial<Record<K, string>>);
      const lowest = Math.min(...found.map(([, r]) => r.confidence));
      const shown = found.length === 1 ? ` ${found[0]![1].value}` : '';
      Toast.show({ content: `识别结果${shown}（置信度 ${Math.round(lowest * 100)}%），请核对` });
    } catch (err) {
      Toast.show({ content: (err as Error).message });
    }
  };
  /** Each recognised field as the record keeps it: what was read, with what confidence, and what the officer kept. */
  const corrections = (finals: Partial<Record<K, string | undefined>>): OcrField[] =>
    (Object.entries(recognized) as [K, Recognised][]).map(([field, r]) => ({
      field,
      recognized: r.value ?? '',
      confidence: r.confidence,
      final: finals[field] ?? '',
    }));
  /** Forgets the reading once its record is queued: the next record starts without it. */
  const reset = () => setRecognized({});
  return { recognized, onFile, corrections, reset };
}

/** One field from a photo (a plate, an ID number). */
export function usePhotoField<K extends Field>(field: K, what: string, recognise: (photo: Blob) => Promise<Recognised>, onValue: (value: string) => void) {
  const reading = usePhotoReading<K>(
    what,
    async (photo) => ({ [field]: await recognise(photo) }) as Reading<K>,
    (values) => values[field] && onValue(values[field]),
  );
  return {
    recognized: reading.recognized[field],
    onFile: reading.onFile,
    reset: reading.reset,
    correction: (final: string | undefined) => reading.corrections({ [field]: final } as Partial<Record<K, string>>),
  };
}
