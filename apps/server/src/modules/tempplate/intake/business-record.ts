import type { BusinessIntake, CaseType } from '@shtp/core/tempplate';
import { checkMobile, checkShanghaiLandline } from '@shtp/core/validators';
import type { FieldCrypto } from '../../../platform/keys/field-crypto.ts';
import type { BusinessFacts, InvoiceReading } from '../rules/rule.ts';
import { originNumber } from '../rules/x6-origin-reuse.ts';
import type { MaterialImage } from '../tempplate.table.ts';
import type { BusinessRow, NewBusiness } from './businesses.repository.ts';

const ctx = (column: string) => `tempplate_businesses.${column}`;
/** Blind-index kinds: an ID number has the same index as owner, agent, invoice buyer or registered owner. */
const ID_KIND = 'tempplate-id';
const PHONE_KIND = 'tempplate-phone';

/** The encrypted columns of the business table, for key rotation (C4). */
export const BUSINESS_ENCRYPTED_COLUMNS = ['owner_name_enc', 'owner_id_enc', 'phone_enc', 'agent_enc', 'invoice_enc', 'invoice_reading_enc'].map((column) => ({
  table: 'tempplate_businesses',
  id: 'id',
  column,
  context: ctx(column),
}));

type Invoice = NonNullable<BusinessIntake['invoice']>;
/** The encryption context of the invoice items. */
const invoiceContext = ctx('invoice_enc');

/** The row of a received business: identifiers encrypted per field with blind indexes. */
export async function sealBusiness(
  fields: FieldCrypto,
  b: BusinessIntake,
  departmentId: number,
  bodyDigest: string,
  read: { images: MaterialImage[]; invoiceReading: InvoiceReading | null },
): Promise<NewBusiness> {
  const idx = (v: string | undefined) => (v === undefined ? null : fields.blindIndex(v.toUpperCase(), ID_KIND));
  return {
    sourceId: b.sourceId,
    bodyDigest,
    plate: b.plate,
    vin: b.vin,
    vehicleType: b.vehicleType,
    caseType: b.caseType,
    ownerIdType: b.owner.idType,
    ownerNameEnc: await fields.encrypt(b.owner.name, ctx('owner_name_enc')),
    ownerIdEnc: await fields.encrypt(b.owner.idNumber, ctx('owner_id_enc')),
    ownerIdIdx: (await idx(b.owner.idNumber))!,
    ownerRegion: b.ownerRegion,
    phoneEnc: await fields.encrypt(b.phone, ctx('phone_enc')),
    phoneIdx: await fields.blindIndex(b.phone, PHONE_KIND),
    agentEnc: b.agent ? await fields.encrypt(JSON.stringify(b.agent), ctx('agent_enc')) : null,
    agentIdIdx: await idx(b.agent?.idNumber),
    dealerName: b.dealer?.name ?? null,
    dealerUscc: b.dealer?.uscc ?? null,
    invoiceEnc: b.invoice ? await fields.encrypt(JSON.stringify(b.invoice), invoiceContext) : null,
    invoiceBuyerIdx: await idx(b.invoice?.buyerIdNumber),
    originNo: b.invoice ? originNumber(b.invoice.number) : null,
    registeredOwnerIdx: await idx(b.registeredOwnerIdNumber),
    insurancePolicyNo: b.insurance.policyNo,
    insuranceEnd: b.insurance.endDate,
    materials: b.materials,
    images: read.images,
    invoiceReadingEnc: read.invoiceReading ? await fields.encrypt(JSON.stringify(read.invoiceReading), ctx('invoice_reading_enc')) : null,
    departmentId,
    officer: b.officer,
    acceptedAt: new Date(b.acceptedAt),
    issuedAt: new Date(b.issuedAt),
    validFrom: b.validFrom,
    validTo: b.validTo,
  };
}

export interface OpenedOwner {
  ownerName: string;
  ownerIdNumber: string;
  phone: string;
  invoice: Invoice | null;
}

export async function openOwner(fields: FieldCrypto, row: BusinessRow): Promise<OpenedOwner> {
  return {
    ownerName: await fields.decrypt(row.ownerNameEnc, ctx('owner_name_enc')),
    ownerIdNumber: await fields.decrypt(row.ownerIdEnc, ctx('owner_id_enc')),
    phone: await fields.decrypt(row.phoneEnc, ctx('phone_enc')),
    invoice: row.invoiceEnc ? await openInvoice(fields, row.invoiceEnc) : null,
  };
}

/** The invoice items of a business (encrypted JSON). */
export async function openInvoice(fields: FieldCrypto, invoiceEnc: string): Promise<Invoice> {
  return JSON.parse(await fields.decrypt(invoiceEnc, invoiceContext)) as Invoice;
}

/** The agent's name (代办人), or null when the owner came in person. */
export async function openAgentName(fields: FieldCrypto, row: BusinessRow): Promise<string | null> {
  return row.agentEnc ? (JSON.parse(await fields.decrypt(row.agentEnc, ctx('agent_enc'))) as { name: string }).name : null;
}

/** What the recognition read on the business's invoice image, or null. */
export async function openInvoiceReading(fields: FieldCrypto, row: BusinessRow): Promise<InvoiceReading | null> {
  return row.invoiceReadingEnc ? (JSON.parse(await fields.decrypt(row.invoiceReadingEnc, ctx('invoice_reading_enc'))) as InvoiceReading) : null;
}

/** The 号段 and H 码 of a mobile number (its first seven digits), null for anything else: the rules need no more. */
function mobilePrefix(phone: string): string | null {
  const mobile = checkMobile(phone);
  return mobile.ok ? mobile.value.slice(0, 7) : null;
}

/** The business as the rules see it. */
export function factsOf(row: BusinessRow, owner: OpenedOwner): BusinessFacts {
  return {
    id: row.id,
    plate: row.plate,
    vin: row.vin,
    caseType: row.caseType as CaseType,
    officer: row.officer,
    ownerIdType: row.ownerIdType,
    ownerName: owner.ownerName,
    ownerIdNumber: owner.ownerIdNumber,
    ownerIdIdx: row.ownerIdIdx,
    ownerRegion: row.ownerRegion,
    phoneIdx: row.phoneIdx,
    phoneLandline: checkShanghaiLandline(owner.phone).ok,
    phoneMobilePrefix: mobilePrefix(owner.phone),
    dealerName: row.dealerName,
    dealerUscc: row.dealerUscc,
    invoice: owner.invoice,
    originNo: row.originNo,
    invoiceBuyerIdx: row.invoiceBuyerIdx,
    registeredOwnerIdx: row.registeredOwnerIdx,
    materials: row.materials,
    invoiceQuality: row.images.find((i) => i.material === 'invoice')?.quality ?? null,
    invoiceRecapture: row.images.find((i) => i.material === 'invoice')?.recapture ?? null,
    images: row.images.map((i) => ({ material: i.material, width: i.width, height: i.height, quality: i.quality ?? null, recapture: i.recapture ?? null })),
    acceptedAt: row.acceptedAt,
    issuedAt: row.issuedAt,
    validFrom: row.validFrom,
    validTo: row.validTo,
    insuranceEnd: row.insuranceEnd,
  };
}
