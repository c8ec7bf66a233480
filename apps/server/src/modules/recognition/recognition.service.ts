import { DEFAULT_EBIKE_PLATE_PATTERN, ebikePlateRegExp, PLATE_KIND_LABELS, type PlateVehicle } from '@shtp/core/validators';
import type { Actor } from '../../platform/audit/actor.ts';
import { type AuditedOutcome, auditedCall } from '../../platform/audit/audited-call.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ModuleApis } from '../app-module.ts';
import type { OcrEngine } from './engine/ocr-engine.ts';
import { imageAuditEvent } from './image-audit.ts';
import type { IdCardSide } from './parse/id-card.ts';
import { recognitionParams as RP } from './recognition.params.ts';
import { type RecognizeOptions, Recognizer } from './recognizer.ts';

const MB = 1024 * 1024;

/**
 * 图像识别 use cases with the platform around them: limits and engine settings from system parameters, and one audit
 * record per call that says a recognition happened (kind, outcome, image digest, confidence) — never the values read,
 * which are personal data.
 */
export class RecognitionService {
  private readonly recognizer: Recognizer;

  constructor(
    protected readonly platform: Platform,
    readonly engine: OcrEngine,
    private readonly apis: Partial<ModuleApis>,
  ) {
    this.recognizer = new Recognizer(engine);
  }

  async maxFileBytes(): Promise<number> {
    return (await this.platform.params.get(RP.maxFileMb)) * MB;
  }

  async options(): Promise<RecognizeOptions> {
    const p = this.platform.params;
    const [maxFileMb, maxMegapixels, maxSide, timeoutSeconds, maxQueue] = await Promise.all([
      p.get(RP.maxFileMb),
      p.get(RP.maxMegapixels),
      p.get(RP.maxSide),
      p.get(RP.timeoutSeconds),
      p.get(RP.maxQueue),
    ]);
    return {
      limits: { maxBytes: maxFileMb * MB, maxPixels: maxMegapixels * 1_000_000, maxSide },
      run: { timeoutMs: timeoutSeconds * 1000, maxQueue },
    };
  }

  /** The e-bike plate shapes in force: the e-bike module's parameter, asked at call time; without that module, core's default. */
  async ebikePatterns(): Promise<RegExp[]> {
    const patterns = this.apis.ebike ? await this.apis.ebike.platePatterns() : [DEFAULT_EBIKE_PLATE_PATTERN];
    return patterns.map(ebikePlateRegExp);
  }

  async plate(image: Buffer, input: { kind?: PlateVehicle }, actor: Actor) {
    return this.audited('recognition.plate', image, actor, async () => {
      const r = await this.recognizer.plate(image, { ...(await this.options()), ebikePatterns: await this.ebikePatterns(), kind: input.kind ?? 'any' });
      return {
        result: { ...r, typeLabel: r.type ? PLATE_KIND_LABELS[r.type] : null },
        details: { found: r.plate !== null, type: r.type, confidence: r.confidence, candidates: r.candidates.length, ms: r.engine.ms },
      };
    });
  }

  async idNumber(image: Buffer, actor: Actor) {
    return this.audited('recognition.id-number', image, actor, async () => {
      const r = await this.recognizer.idNumber(image, await this.options());
      return {
        result: r,
        details: { found: r.idNumber.value !== null, valid: r.idNumber.facts?.valid ?? false, confidence: r.idNumber.confidence, ms: r.engine.ms },
      };
    });
  }

  async idCard(image: Buffer, input: { side?: IdCardSide | 'auto' }, actor: Actor) {
    return this.audited('recognition.id-card', image, actor, async () => {
      const r = await this.recognizer.idCard(image, { ...(await this.options()), side: input.side ?? 'auto' });
      const fields: Record<string, { value: unknown }> = { ...(r.front ?? r.back ?? {}) };
      const found = Object.entries(fields)
        .filter(([, f]) => f.value !== null)
        .map(([k]) => k);
      const failed = r.checks.filter((c) => c.result === 'fail').map((c) => c.code);
      return { result: r, details: { side: r.side, fieldsFound: found, checksFailed: failed, ms: r.engine.ms } };
    });
  }

  /** Runs a recognition and writes its audit record, success or failure alike (values never logged). */
  protected audited<T>(action: string, image: Buffer, actor: Actor, call: () => Promise<AuditedOutcome<T>>): Promise<T> {
    return auditedCall(this.platform.db, actor, imageAuditEvent(action, image), call);
  }
}
