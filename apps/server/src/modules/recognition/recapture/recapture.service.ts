import type { Actor } from '../../../platform/audit/actor.ts';
import { auditedCall } from '../../../platform/audit/audited-call.ts';
import { AppError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { imageAuditEvent } from '../image-audit.ts';
import { recognitionParams } from '../recognition.params.ts';
import { DOC_TYPE_LABEL, RECAPTURE_DOC_TYPES, type RecaptureDocType } from './doc-types.ts';
import { FeatureWorker } from './feature-worker.ts';
import { recaptureThresholdParams, recaptureUncertainMargin } from './recapture.params.ts';
import { RecaptureDetector, type RecaptureResult } from './recapture.ts';

const MB = 1024 * 1024;

/** The docType form field: one of the six types, else 400 with a Chinese message on the field. */
export function parseDocType(value: string | undefined): RecaptureDocType {
  if (value && (RECAPTURE_DOC_TYPES as readonly string[]).includes(value)) return value as RecaptureDocType;
  const allowed = RECAPTURE_DOC_TYPES.map((t) => `${t}（${DOC_TYPE_LABEL[t]}）`).join('、');
  const message = value ? `不支持的证件类型：${value}，须为 ${allowed} 之一` : `请填写证件类型 docType，须为 ${allowed} 之一`;
  throw new AppError(400, 'VALIDATION_FAILED', '输入校验未通过', [{ field: 'docType', message }]);
}

/**
 * 翻拍检测 with the platform around it: the threshold of the document type and the uncertain band from system
 * parameters, limits shared with the other recognitions, one audit record per call with the outcome only (type,
 * score, decision, cues, image digest) — never the image.
 */
export class RecaptureService {
  private readonly worker = new FeatureWorker();
  private readonly detector: RecaptureDetector;

  constructor(private readonly platform: Platform) {
    this.detector = new RecaptureDetector(undefined, this.worker);
  }

  close(): Promise<void> {
    return this.worker.close();
  }

  async check(image: Buffer, docTypeField: string | undefined, actor: Actor): Promise<RecaptureResult> {
    return auditedCall(this.platform.db, actor, imageAuditEvent('recognition.recapture', image), async () => {
      const docType = parseDocType(docTypeField);
      const p = this.platform.params;
      const [threshold, margin, maxFileMb, maxMegapixels] = await Promise.all([
        p.get(recaptureThresholdParams[docType]),
        p.get(recaptureUncertainMargin),
        p.get(recognitionParams.maxFileMb),
        p.get(recognitionParams.maxMegapixels),
      ]);
      const r = await this.detector.check(image, { docType, threshold, margin, limits: { maxBytes: maxFileMb * MB, maxPixels: maxMegapixels * 1_000_000 } });
      const cues = r.reasons.map((x) => x.cue);
      return { result: r, details: { docType, score: r.score, decision: r.decision, threshold, cues, modelVersion: r.modelVersion, ms: r.ms } };
    });
  }
}
