import { checkIdNumber } from '@shtp/core/validators';
import type { TaxVerifyAnswer, TaxVerifyPort } from '../../integrations/tax-verify/tax-verify.port.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ModuleApis } from '../app-module.ts';
import { DOC_TYPE_LABEL } from './classify/classify.ts';
import { type ClassifiedImage, checkMaterials } from './classify/materials.ts';
import { type ClassifiedReading, DocumentRecognizer } from './document-recognizer.ts';
import { documentParams as DP } from './documents.params.ts';
import type { OcrEngine } from './engine/ocr-engine.ts';
import { type BusinessData, businessChecks, qrChecks, verifyChecks, verifyQuery } from './invoice/authenticity.ts';
import { RecognitionService } from './recognition.service.ts';

const KIND_LABEL = { motor: '机动车销售统一发票', digital: '数电发票（机动车销售统一发票）' } as const;

/** The failed checks' codes and the fields found: what an audit record may say (never the values). */
function outcome(fields: Record<string, { value: unknown }>, checks: { code: string; result: string }[]) {
  return {
    fieldsFound: Object.entries(fields)
      .filter(([, f]) => f.value !== null)
      .map(([k]) => k),
    checksFailed: checks.filter((c) => c.result === 'fail').map((c) => c.code),
    checksUnknown: checks.filter((c) => c.result === 'unknown').map((c) => c.code),
  };
}

/** What an ID-bearing reading says the holder's ID number is (for T21's comparison with the applicant). */
function idNumberOf(r: ClassifiedReading): string | null | undefined {
  if (r.type === 'residence-permit') return r.residencePermit.fields.idNumber.value;
  if (r.type === 'id-card-front') return r.idCard.front?.idNumber.value ?? null;
  return undefined;
}

/**
 * Phase-2 use cases (invoices with authenticity, licences, import certificates, classification, T21 materials) with
 * the platform around them: parameters, the tax verification port, and one audit record per call without values.
 */
export class DocumentsService extends RecognitionService {
  private readonly documents: DocumentRecognizer;

  constructor(
    platform: Platform,
    engine: OcrEngine,
    apis: Partial<ModuleApis>,
    private readonly tax: TaxVerifyPort,
  ) {
    super(platform, engine, apis);
    this.documents = new DocumentRecognizer(engine);
  }

  async maxMaterialImages(): Promise<number> {
    return this.platform.params.get(DP.maxMaterialImages);
  }

  async invoice(image: Buffer, business: BusinessData, actor: Actor) {
    return this.audited('recognition.invoice', image, actor, async () => {
      const r = await this.documents.invoice(image, await this.options());
      const { kind, fields } = r.reading;
      const query = verifyQuery(kind, fields);
      const timeoutMs = (await this.platform.params.get(DP.verifyTimeoutSeconds)) * 1000;
      const answer: TaxVerifyAnswer | { missing: string } = 'missing' in query ? query : await this.tax.verify(query, { timeoutMs });
      const checks = [
        ...r.reading.checks,
        ...qrChecks(r.qr.content, r.qr.parsed, kind, fields),
        ...businessChecks(business, fields),
        ...verifyChecks(answer, fields),
      ];
      const verification =
        'missing' in answer
          ? { target: this.tax.target, outcome: 'not-queried' as const, status: null, message: `未识别到${answer.missing}` }
          : {
              target: this.tax.target,
              outcome: answer.outcome,
              status: answer.outcome === 'found' ? answer.status : null,
              message: answer.outcome === 'unavailable' ? answer.reason : answer.outcome === 'mismatch' ? answer.message : null,
            };
      const result = {
        kind,
        kindLabel: kind ? KIND_LABEL[kind] : null,
        fields,
        checks,
        qr: { found: r.qr.content !== null, content: r.qr.content, box: r.qr.box },
        verification,
        lines: r.lines,
        image: r.image,
        engine: r.engine,
      };
      return { result, details: { kind, verification: verification.outcome, ...outcome(fields, checks), ms: r.engine.ms } };
    });
  }

  async licence(image: Buffer, actor: Actor) {
    return this.audited('recognition.licence', image, actor, async () => {
      const r = await this.documents.licence(image, await this.options());
      return {
        result: { ...r.reading, lines: r.lines, image: r.image, engine: r.engine },
        details: { ...outcome(r.reading.fields, r.reading.checks), ms: r.engine.ms },
      };
    });
  }

  async importCertificate(image: Buffer, actor: Actor) {
    return this.audited('recognition.import-certificate', image, actor, async () => {
      const r = await this.documents.importCertificate(image, await this.options());
      return {
        result: { ...r.reading, lines: r.lines, image: r.image, engine: r.engine },
        details: { ...outcome(r.reading.fields, r.reading.checks), ms: r.engine.ms },
      };
    });
  }

  async classify(image: Buffer, actor: Actor) {
    return this.audited('recognition.classify', image, actor, async () => {
      const r = await this.documents.classify(image, await this.options());
      const { classification: c } = r;
      return {
        result: { ...c, reading: r.reading, lines: r.lines, image: r.image, engine: r.engine },
        details: { type: c.type, confidence: c.confidence, ms: r.engine.ms },
      };
    });
  }

  /** T21: classify every image, then compare with the required materials for this applicant's ID number. */
  async materials(images: Buffer[], idNumber: string, actor: Actor) {
    const all = Buffer.concat(images);
    return this.audited('recognition.materials', all, actor, async () => {
      const opts = await this.options();
      const requirements = await this.platform.params.get(DP.requiredMaterials);
      const id = checkIdNumber(idNumber);
      const shanghai = id.ok && id.areaCode.startsWith('31');
      const classified: (ClassifiedImage & { label: string; reading: ClassifiedReading })[] = [];
      // Sequential: the engine is one worker; a non-Shanghai check needs every image, a Shanghai one none.
      if (!shanghai) {
        for (const [index, buf] of images.entries()) {
          const r = await this.documents.classify(buf, opts);
          const checks = r.reading.type === 'residence-permit' ? r.reading.residencePermit.checks : undefined;
          const idn = idNumberOf(r.reading);
          classified.push({
            index,
            classification: r.classification,
            label: DOC_TYPE_LABEL[r.classification.type],
            reading: r.reading,
            ...(idn === undefined ? {} : { idNumber: idn }),
            ...(checks ? { checks } : {}),
          });
        }
      }
      const report = checkMaterials(idNumber, requirements, classified);
      const result = {
        ...report,
        requirements,
        images: classified.map((c) => ({
          index: c.index,
          type: c.classification.type,
          label: c.label,
          confidence: c.classification.confidence,
          characters: c.classification.characters,
        })),
      };
      return {
        result,
        details: {
          images: images.length,
          applicable: report.applicable,
          complete: report.complete,
          statuses: report.materials.map((m) => `${m.requirement}:${m.status}`),
        },
      };
    });
  }
}
