import type { AppModule } from './app-module.ts';
import { appointmentsModule } from './appointments/appointments.module.ts';
import { archiveModule } from './archive/archive.module.ts';
import { ebikeModule } from './ebike/ebike.module.ts';
import { enforcementModule } from './enforcement/enforcement.module.ts';
import { exchangeModule } from './exchange/exchange.module.ts';
import { paymentsModule } from './payments/payments.module.ts';
import { publishingModule } from './publishing/publishing.module.ts';
import { recognitionModule } from './recognition/recognition.module.ts';
import { roadworksModule } from './roadworks/roadworks.module.ts';
import { systemModule } from './system/system.module.ts';
import { tempplateModule } from './tempplate/tempplate.module.ts';

/** Every module of the system, in start order (a module's API is there for the modules after it); add a new one here. */
export const MODULES: readonly AppModule<unknown, unknown>[] = [
  systemModule,
  recognitionModule,
  ebikeModule,
  enforcementModule,
  archiveModule,
  tempplateModule,
  roadworksModule,
  exchangeModule,
  paymentsModule,
  publishingModule,
  appointmentsModule,
];
