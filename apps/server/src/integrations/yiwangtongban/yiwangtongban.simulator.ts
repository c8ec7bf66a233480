import { type HubCase, type HubDecision, HubRejectedError, HubUnavailableError, type YiwangtongbanPort } from './yiwangtongban.port.ts';
import { HubCaseSchema, HubDecisionSchema } from './yiwangtongban.validation.ts';

/**
 * An in-process 一网通办 hub: holds submitted cases until acknowledged, validates decisions like the hub (unknown
 * case, a second different decision, malformed fields are rejected; an identical resend is accepted once), and fails
 * on demand (`failNext`) as an unavailable hub would.
 */
export class YiwangtongbanSimulator implements YiwangtongbanPort {
  private readonly cases = new Map<string, HubCase>();
  private readonly unacknowledged = new Set<string>();
  readonly decisions = new Map<string, HubDecision>();
  private failures = 0;

  /** A case filed by an applicant on 一网通办 (tests, the demo). */
  submit(c: HubCase): void {
    const parsed = HubCaseSchema.parse(c);
    if (this.cases.has(parsed.caseNo)) return;
    this.cases.set(parsed.caseNo, parsed);
    this.unacknowledged.add(parsed.caseNo);
  }

  failNext(calls: number): void {
    this.failures = calls;
  }

  private fault(): void {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new HubUnavailableError('一网通办模拟器：服务暂不可用（注入故障）');
    }
  }

  async pendingCases(): Promise<HubCase[]> {
    this.fault();
    return [...this.unacknowledged].map((no) => this.cases.get(no)!);
  }

  async acknowledge(caseNos: string[]): Promise<void> {
    this.fault();
    for (const no of caseNos) this.unacknowledged.delete(no);
  }

  async sendDecision(decision: HubDecision): Promise<void> {
    this.fault();
    const parsed = HubDecisionSchema.safeParse(decision);
    if (!parsed.success) throw new HubRejectedError(`一网通办拒收审批结果：${parsed.error.issues.map((i) => i.path.join('.')).join('、')} 不正确`);
    if (!this.cases.has(decision.caseNo)) throw new HubRejectedError(`一网通办拒收审批结果：办件 ${decision.caseNo} 不存在`);
    const earlier = this.decisions.get(decision.caseNo);
    if (earlier && (earlier.decision !== decision.decision || earlier.reason !== decision.reason))
      throw new HubRejectedError(`一网通办拒收审批结果：办件 ${decision.caseNo} 已有不同的审批结果`);
    this.decisions.set(decision.caseNo, parsed.data);
  }
}
