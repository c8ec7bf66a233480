import { Toast } from 'antd-mobile';
import { useState } from 'react';

export interface Recognised {
  value: string | null;
  confidence: number;
}

/** P1: a field from the camera; what was recognised is kept so that the officer's correction can be recorded. */
export function usePhotoField(what: string, recognise: (photo: Blob) => Promise<Recognised>, onValue: (value: string) => void) {
  const [recognized, setRecognized] = useState<{ value: string; confidence: number } | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await recognise(file);
      if (!r.value) return Toast.show({ content: `未识别到${what}，请手工输入` });
      setRecognized({ value: r.value, confidence: r.confidence });
      onValue(r.value);
      Toast.show({ content: `识别结果 ${r.value}（置信度 ${Math.round(r.confidence * 100)}%），请核对` });
    } catch (err) {
      Toast.show({ content: (err as Error).message });
    }
  };
  /** The recognition as the record keeps it: what was read, with what confidence, and what the officer kept. */
  const correction = (field: string, final: string | undefined) =>
    recognized ? [{ field, recognized: recognized.value, confidence: recognized.confidence, final: final ?? '' }] : [];
  return { recognized, onFile, correction };
}
