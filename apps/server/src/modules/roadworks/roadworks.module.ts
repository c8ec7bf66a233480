import { ROADWORKS_AUDIT_ACTIONS } from '@shtp/core/roadworks';
import { createInsuranceExchangePort } from '../../integrations/insurance-exchange/insurance-exchange.ts';
import { yiwangtongbanConfig } from '../../integrations/yiwangtongban/yiwangtongban.config.ts';
import { createYiwangtongbanPort } from '../../integrations/yiwangtongban/yiwangtongban.ts';
import { defineModule, requireApi } from '../app-module.ts';
import { registerHubJobs } from './cases/hub.jobs.ts';
import { seedExchangeDemo } from './demo/exchange-demo.ts';
import { seedRoadworksDemo } from './demo/roadworks-demo.ts';
import { seedSyntheticGazetteer } from './demo/synthetic-gazetteer.ts';
import { registerExchange } from './exchange/exchange.job.ts';
import { seedGazetteer } from './gazetteer/gazetteer-seed.ts';
import { roadworksParams } from './roadworks.params.ts';
import { ROADWORKS_PERMISSIONS, ROADWORKS_ROLE_PROPOSALS } from './roadworks.permissions.ts';
import type { RoadworksPorts } from './roadworks.ports.ts';
import { roadworksRoutes } from './roadworks.routes.ts';
import { registerOverrunSweep } from './warnings/overrun.job.ts';

/** 道路施工 (R1–R5): the standard road gazetteer, 一网通办 cases placed on segments, permit query, repeated-works warnings. */
export const roadworksModule = defineModule<RoadworksPorts>({
  name: 'roadworks',
  zones: ['police'],
  permissions: { catalogue: ROADWORKS_PERMISSIONS, proposals: ROADWORKS_ROLE_PROPOSALS },
  params: Object.values(roadworksParams),
  auditActions: { label: '道路施工', actions: ROADWORKS_AUDIT_ACTIONS },
  async connect(platform) {
    const hub = await createYiwangtongbanPort(yiwangtongbanConfig(platform.config.source, platform.config));
    const insurance = createInsuranceExchangePort(platform.config.source, platform.config);
    return {
      ports: { hub, insurance },
      close: async () => {
        await Promise.all([hub.close(), insurance.close()]);
      },
    };
  },
  jobs({ platform, ports, apis }) {
    registerHubJobs(platform, ports.hub.port);
    registerOverrunSweep(platform);
    registerExchange(platform, ports.insurance.port, () => requireApi(apis, 'ebike'));
  },
  routes: roadworksRoutes,
  async start({ platform, ports }) {
    // The partial seed (manual: 道路施工) on a new database, in every environment: administrators complete it.
    await platform.db.transaction((tx) => seedGazetteer(tx));
    if (platform.config.env === 'development') await platform.db.transaction((tx) => seedSyntheticGazetteer(tx));
    if (platform.config.env === 'development' && ports.hub.simulator) await seedRoadworksDemo(platform.db, ports.hub.simulator);
    if (platform.config.env === 'development' && ports.insurance.simulator) await seedExchangeDemo(platform, ports.insurance.simulator);
  },
});
