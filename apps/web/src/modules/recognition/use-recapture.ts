import { RECOGNITION_P, type RecaptureDocType, type RecaptureResponse } from '@shtp/core/recognition';
import { useCallback, useRef, useState } from 'react';
import { ApiRequestError, api } from '../../api/client';
import { usePermission } from '../../auth/session';
import type { RecaptureState } from './recapture-view';

/**
 * Recapture checks of the images of one submission, by image index. `start()` begins a new submission: earlier
 * answers are cleared and answers still on their way from an older submission are dropped. Without the permission
 * nothing is called and every state stays undefined (the card and tags hide themselves).
 */
export function useRecapture() {
  const allowed = usePermission()(RECOGNITION_P.recapture);
  const [states, setStates] = useState<Record<number, RecaptureState>>({});
  const run = useRef(0);

  const start = useCallback(() => {
    const id = ++run.current;
    setStates({});
    const set = (index: number, state: RecaptureState) => {
      if (run.current === id) setStates((s) => ({ ...s, [index]: state }));
    };
    /** Checks one image as `docType`; null = a type without a recapture model (shown as 不适用). */
    return async (index: number, file: File, docType: RecaptureDocType | null, typeLabel: string) => {
      if (!allowed) return;
      if (!docType) {
        set(index, { status: 'not-applicable', typeLabel });
        return;
      }
      set(index, { status: 'pending' });
      const data = new FormData();
      data.append('docType', docType);
      data.append('image', file);
      try {
        set(index, { status: 'done', result: await api.postForm<RecaptureResponse>('/api/recognition/recapture', data) });
      } catch (e) {
        set(index, { status: 'failed', message: e instanceof ApiRequestError ? e.message : '翻拍检测失败' });
      }
    };
  }, [allowed]);

  return { allowed, states, start };
}
