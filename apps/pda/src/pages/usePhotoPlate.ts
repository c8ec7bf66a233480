import { Toast } from 'antd-mobile';
import { useState } from 'react';
import { usePda } from '../context.tsx';

/** P1: a plate from the camera; what was recognised is kept so that the officer's correction can be recorded. */
export function usePhotoPlate(onPlate: (plate: string) => void) {
  const { api } = usePda();
  const [recognized, setRecognized] = useState<{ plate: string; confidence: number } | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await api.recognisePlate(file);
      if (!r.plate) return Toast.show({ content: '未识别到号牌，请手工输入' });
      setRecognized({ plate: r.plate, confidence: r.confidence });
      onPlate(r.plate);
      Toast.show({ content: `识别结果 ${r.plate}（置信度 ${Math.round(r.confidence * 100)}%），请核对` });
    } catch (err) {
      Toast.show({ content: (err as Error).message });
    }
  };
  return { recognized, onFile };
}
