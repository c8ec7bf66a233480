import { createSsbIdentityPort, type SsbIdentityConnection } from '../../integrations/ssb-identity/ssb-identity.ts';
import { defineModule, requireApi } from '../app-module.ts';
import { appointmentsParams } from './appointments.params.ts';
import { AP, APPOINTMENTS_AUDIT_ACTIONS, APPOINTMENTS_PERMISSIONS } from './appointments.permissions.ts';
import { appointmentsRoutes } from './appointments.routes.ts';
import { APPOINTMENT_ID_CONTEXT, APPOINTMENT_PHONE_CONTEXT, AppointmentsService } from './appointments.service.ts';
import { registerBookingReminders } from './booking-reminders.job.ts';
import { BOOKING_REMINDER_TEMPLATE } from './booking-reminders.service.ts';
import { preregistrationsRepository } from './preregistrations.repository.ts';
import { preregistrationsRoutes } from './preregistrations.routes.ts';
import { PREREG_ID_CONTEXT, PREREG_NAME_CONTEXT, PREREG_PHONE_CONTEXT, PreregistrationsService } from './preregistrations.service.ts';

export interface AppointmentsPorts {
  /** G5: the 随申办 hub's signed identity assertions. */
  identity: SsbIdentityConnection;
}

/**
 * 非机动车登记预约 (internet zone, G13 `appointments` and `registrations`): partners book and cancel registration slots
 * for their citizens, and file their e-bike pre-registrations (网上预登记).
 */
export const appointmentsModule = defineModule<AppointmentsPorts>({
  name: 'appointments',
  zones: ['internet'],
  permissions: { catalogue: APPOINTMENTS_PERMISSIONS, proposals: { citizen_service: [AP.menu, AP.book, AP.preregister, AP.list, AP.remind] } },
  params: Object.values(appointmentsParams),
  auditActions: { label: '非机动车登记预约', actions: APPOINTMENTS_AUDIT_ACTIONS },
  declare(platform) {
    platform.encryptedColumns.push(
      { table: 'appointment_bookings', id: 'id', column: 'id_number_enc', context: APPOINTMENT_ID_CONTEXT },
      { table: 'appointment_bookings', id: 'id', column: 'phone_enc', context: APPOINTMENT_PHONE_CONTEXT },
      { table: 'appointment_preregistrations', id: 'id', column: 'id_number_enc', context: PREREG_ID_CONTEXT },
      { table: 'appointment_preregistrations', id: 'id', column: 'name_enc', context: PREREG_NAME_CONTEXT },
      { table: 'appointment_preregistrations', id: 'id', column: 'phone_enc', context: PREREG_PHONE_CONTEXT },
    );
    platform.blobs.registerHolder('appointment_preregistrations.photos', preregistrationsRepository.heldImages);
  },
  async connect(platform) {
    return { ports: { identity: createSsbIdentityPort(platform.config.source, platform.config) }, close: async () => {} };
  },
  jobs: ({ platform, apis }) => registerBookingReminders(platform, () => requireApi(apis, 'payments')),
  // G9: the reminder's template is registered approved with 缴款's SMS sending (its text is reviewed with the release).
  start: ({ apis }) => requireApi(apis, 'payments').sms.registerTemplates([BOOKING_REMINDER_TEMPLATE]),
  async routes(app, ctx) {
    const exchange = () => requireApi(ctx.apis, 'exchange');
    const hub = () => requireApi(ctx.apis, 'publishing');
    await appointmentsRoutes(app, new AppointmentsService(ctx.platform, exchange, ctx.ports.identity.port, hub));
    await preregistrationsRoutes(app, new PreregistrationsService(ctx.platform, exchange, ctx.ports.identity.port, hub));
  },
});
