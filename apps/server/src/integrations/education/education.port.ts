/**
 * P2 现场教育: the Ministry's education interface. The officer starts an on-site education of the offender for a
 * violation; the Ministry answers with the education record number and the content shown, which the violation keeps.
 */
export interface EducationRequest {
  idNumber: string;
  violationCode: string;
  place: string;
  officer: string;
}

export type EducationAnswer = { outcome: 'recorded'; recordNo: string; title: string } | { outcome: 'unavailable'; reason: string };

export interface EducationPort {
  readonly target: string;
  record(request: EducationRequest, opts: { timeoutMs: number }): Promise<EducationAnswer>;
}
