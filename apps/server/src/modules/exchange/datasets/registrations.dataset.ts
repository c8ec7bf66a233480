import type { CrossedPreregistration, EbikeApi } from '../../ebike/ebike.api.ts';
import type { Applier } from '../inbound.service.ts';
import type { DataSet } from './dataset.ts';

/**
 * 网上预登记 (internet → police, G13 `registrations`): an e-bike registration a citizen filled in online, keyed by its
 * number. The window registers the owner from it, so the owner's ID number, name and phone are *sealed*: SM2-encrypted
 * to the police zone's exchange key before they enter the internet zone's outbox, opened only by the e-bike module's
 * applier, which stores them SM4-encrypted and shows them masked. The 随申办 openid and anything else the rules do
 * not name stay in the internet zone (fail closed). Schema 2: the citizen's photos (`photos`: kind, SM3 digest, type,
 * size) travel as the package's attachments (format 2) and are stored in the police zone's blob store before the
 * applier links them to the pre-registration; each photo uploaded makes a new version.
 */
export const registrationsDataSet: DataSet = {
  channel: 'registrations',
  businessType: '非机动车网上预登记',
  schemaVersion: 2,
  from: 'internet',
  rules: {
    preregNo: 'none',
    departmentCode: 'none',
    station: 'none',
    idNumber: 'none',
    name: 'none',
    phone: 'none',
    zcbm: 'none',
    plateWanted: 'none',
    brand: 'none',
    model: 'none',
    invoiceNo: 'none',
    submittedAt: 'none',
    photos: 'none',
  },
  sealed: ['idNumber', 'name', 'phone'],
  attachments: 'photos',
};

/**
 * G13 (police → internet): the window's decision on a pre-registration (受理 / 退回 with its reason; version 1) and
 * its 注册登记 (已登记 with the business's 流水号; version 2), keyed by its number; no personal data. The internet zone
 * keeps the newest as received and answers it with the pre-registration.
 */
export const registrationStatusDataSet: DataSet = {
  channel: 'registration-status',
  businessType: '非机动车网上预登记受理结果',
  schemaVersion: 1,
  from: 'police',
  rules: { preregNo: 'none', status: 'none', reason: 'none', decidedAt: 'none', lsh: 'none' },
};

/** Police zone: pre-registrations that crossed are kept by the e-bike module for the window of their department. */
export const registrationsApplier =
  (ebike: () => EbikeApi): Applier =>
  (tx, records) =>
    ebike().recordPreregistrations(
      tx,
      records.map((r) => ({ ...(r.data as unknown as Omit<CrossedPreregistration, 'version'>), version: r.version })),
    );
