import type { HubCase } from '../../../integrations/yiwangtongban/yiwangtongban.port.ts';
import type { YiwangtongbanSimulator } from '../../../integrations/yiwangtongban/yiwangtongban.simulator.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { gazetteerRepository } from '../gazetteer/gazetteer.repository.ts';
import { segmentView } from '../gazetteer/gazetteer.view.ts';
import { addMonths } from '../warnings/warning.rules.ts';
import { demoSyntheticGazetteer } from './synthetic-gazetteer.ts';

const DEMO_SEGMENT = '延安西路 华山路—镇宁路';
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The development demo (synthetic): a permit approved four months ago on 延安西路 华山路—镇宁路 (and a current one at
 * a point of a synthetic road with geometry), and a new
 * 一网通办 case for the same stretch waiting in the hub simulator, so that a first user sees the R4 warning when
 * placing it. Once per database (the case numbers are unique); the simulator's case is offered again after a restart
 * and ignored once stored.
 */
export async function seedRoadworksDemo(db: Db, hub: YiwangtongbanSimulator): Promise<void> {
  const road = (await gazetteerRepository.roadIdsByName(db, ['延安西路'])).get('延安西路');
  const segment = road === undefined ? undefined : (await gazetteerRepository.segmentsOfRoad(db, road)).find((s) => segmentView(s).label === DEMO_SEGMENT);
  if (!segment) return;
  const today = shanghaiToday();
  const earlierTo = addMonths(today, -4);
  const common = { applicant: '上海燃气（示例）管网有限公司', lanes: '北侧一条机动车道', attachments: [{ name: '施工图.pdf', url: 'ywtb://demo/1' }] };
  await db.transaction(async (tx) => {
    const added = await approvedPermit(tx, segment.id, segment.districtCode, null, {
      ...common,
      caseNo: 'YW-DEMO-000001',
      worksType: 'dig',
      requestedFrom: plusDays(earlierTo, -6),
      requestedTo: earlierTo,
      trafficPlan: '夜间 22:00–次日 5:00 施工',
      locationText: '延安西路近华山路',
    });
    if (!added) return;
    // Works at a point of a road with geometry (the demo's synthetic grids): the permit query draws it on the map.
    const mapped = demoSyntheticGazetteer().roads[0]!.name;
    const mappedId = (await gazetteerRepository.roadIdsByName(tx, [mapped])).get(mapped);
    const [, second] = mappedId === undefined ? [] : await gazetteerRepository.segmentsOfRoad(tx, mappedId);
    if (second)
      await approvedPermit(tx, second.id, second.districtCode, 120, {
        ...common,
        caseNo: 'YW-DEMO-000003',
        worksType: 'dig',
        requestedFrom: plusDays(today, -2),
        requestedTo: plusDays(today, 10),
        trafficPlan: '白天 9:00–16:00 施工',
        locationText: `${mapped}（示例）`,
      });
  });
  hub.submit({
    ...common,
    caseNo: 'YW-DEMO-000002',
    worksType: 'pipe_lay',
    requestedFrom: plusDays(today, 3),
    requestedTo: plusDays(today, 17),
    trafficPlan: '占用北侧一条机动车道，设置导向标志',
    locationText: '延安西路近华山路（镇宁路方向）',
  });
}

/** An approved permit of no department (every demo user sees it) placed on one segment, the hub already told. */
async function approvedPermit(tx: DbOrTx, segmentId: number, districtCode: string | null, offsetM: number | null, c: HubCase): Promise<boolean> {
  if ((await casesRepository.insertNew(tx, [{ ...c, status: 'approved' }])) === 0) return false;
  const row = (await casesRepository.byCaseNo(tx, c.caseNo))!;
  await casesRepository.replacePlacements(tx, row.id, [{ segmentId, offsetM }], { from: row.requestedFrom, to: row.requestedTo }, true);
  await casesRepository.setPlaced(tx, row.id, districtCode, { take: null });
  await casesRepository.setDecision(tx, row.id, { status: 'approved', reason: '同意（示例数据）', decidedBy: null, departmentId: null });
  await casesRepository.setDecisionSync(tx, row.id, 'sent');
  return true;
}
