import { type BusinessEntry, CORRECTABLE_KEYS, VEHICLE_BUSINESSES, type VehicleActions, type VehicleBusiness, type VehicleDetail } from '@shtp/core/ebike';
import type { ActionDecision, Me } from '@shtp/core/platform';
import { idNumberCheckChar } from '@shtp/core/validators';
import { testMe } from '../../test/me';

/** Synthetic test data of the e-bike pages (no real person's data: the ID is built with the check algorithm). */
const FIRST_17 = '31011519900307123';
export const VALID_ID = FIRST_17 + idNumberCheckChar(FIRST_17);
/** The same number with any other check character. */
export const BAD_CHECK_ID = FIRST_17 + (VALID_ID.endsWith('1') ? '2' : '1');

export const officer = (permissions: string[]): Me =>
  testMe({
    id: 5,
    username: 'officer01',
    displayName: '窗口民警甲',
    department: { id: 3, name: '浦东交警支队' },
    roles: [{ code: 'window_officer', name: '窗口民警' }],
    permissions,
  });

export const business = (over: Partial<BusinessEntry> = {}): BusinessEntry => ({
  id: 11,
  lsh: '2611290000011',
  type: 'register',
  typeLabel: '注册登记',
  ywlx: 'A',
  ywyy: null,
  reason: null,
  changes: [],
  correctsLsh: null,
  operator: '窗口民警甲',
  departmentName: '浦东交警支队',
  createdAt: '2026-11-29T02:00:00.000Z',
  upload: { status: 'done', remoteId: 'LHY-1', error: null, attempts: 1, uploadedAt: '2026-11-29T02:00:05.000Z' },
  ...over,
});

const REFUSED: ActionDecision = { allowed: false, reason: '没有执行此操作的权限' };

/**
 * The server's decisions on a vehicle for the test user: the businesses given are allowed (更正 of the registration,
 * every item), everything else refused; `over` replaces whole decisions (clear view, label).
 */
export function actions(allowed: VehicleBusiness[] = [], over: Partial<VehicleActions> = {}): VehicleActions {
  const decide = (b: VehicleBusiness): ActionDecision => (allowed.includes(b) ? { allowed: true } : REFUSED);
  const businesses = Object.fromEntries(VEHICLE_BUSINESSES.map((b) => [b, decide(b)])) as Record<VehicleBusiness, ActionDecision>;
  return {
    ...businesses,
    correct: { ...businesses.correct, targets: businesses.correct.allowed ? [{ businessId: 11, items: [...CORRECTABLE_KEYS] }] : [] },
    piiView: { ...REFUSED, fullIdPurposes: [] },
    label: { ...REFUSED, labels: [] },
    resend: { ...REFUSED, businessIds: [] },
    ...over,
  };
}

export const vehicle = (over: Partial<VehicleDetail> = {}): VehicleDetail => ({
  id: 7,
  vehicleType: 'ebike',
  plate: '沪C0000001',
  plateKind: 'P',
  zcbm: '123456789012345',
  brand: '雅迪',
  model: 'Y10',
  statusCodes: 'A',
  statusLabels: ['正常'],
  ownerName: '张*',
  departmentName: '浦东交警支队',
  registeredAt: '2026-11-29T02:00:00.000Z',
  securityLabel: 'internal',
  motorNo: 'MOTOR-0001',
  colours: ['白'],
  cccCertNo: '2021011100000001',
  hgzNo: null,
  batteryType: 'lithium',
  batteryVoltage: 48,
  purchaseDate: '2026-11-01',
  acquireWay: 'purchase',
  originProof: '12345678',
  owner: { ownerType: '1', idNumber: '310115********1234', name: '张*', phone: '138****5678', districtCode: '310115', address: '浦东新区****' },
  stolen: false,
  locked: false,
  cancelled: false,
  lock: null,
  masked: true,
  fullIdNumber: false,
  version: 3,
  businesses: [business()],
  actions: actions(),
  ...over,
});
