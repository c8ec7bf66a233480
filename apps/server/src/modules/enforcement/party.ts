import { maskAddress, maskIdNumber, maskName } from '@shtp/core/masking';
import { conflict } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/keys/field-crypto.ts';

/** The tables holding a party, each with its encryption contexts (declared for key rotation, C4). */
export const PARTY_TABLES = ['enf_violations', 'enf_breath_tests', 'enf_detentions'] as const;
type PartyTable = (typeof PARTY_TABLES)[number];

const encrypted = (table: PartyTable, column: string) => ({ table, id: 'id', column, context: `${table}.${column}` });
export const PARTY_ENCRYPTED_COLUMNS = [
  ...PARTY_TABLES.flatMap((table) => ['party_id_enc', 'party_name_enc'].map((column) => encrypted(table, column))),
  encrypted('enf_violations', 'party_address_enc'),
];
/** One blind-index kind across the tables: the same person matches in each. */
const PARTY_INDEX = 'enforcement-party-id';

export const partyIndex = (fields: FieldCrypto, idNumber: string) => fields.blindIndex(idNumber, PARTY_INDEX);

export async function sealParty(fields: FieldCrypto, table: PartyTable, p: { idNumber: string; name: string }) {
  return {
    partyIdEnc: await fields.encrypt(p.idNumber, `${table}.party_id_enc`),
    partyIdIdx: await partyIndex(fields, p.idNumber),
    partyNameEnc: await fields.encrypt(p.name, `${table}.party_name_enc`),
  };
}

/** A ticket's party address (optional), sealed and shown masked like the name. */
export const sealAddress = (fields: FieldCrypto, address: string | undefined) =>
  address ? fields.encrypt(address, 'enf_violations.party_address_enc') : Promise.resolve(null);
export const maskedAddress = async (fields: FieldCrypto, enc: string | null) =>
  enc ? maskAddress(await fields.decrypt(enc, 'enf_violations.party_address_enc')) : null;

/** The party as every view shows it: masked (the handheld and the console alike). */
export async function maskedParty(fields: FieldCrypto, table: PartyTable, row: { partyIdEnc: string; partyNameEnc: string }) {
  return {
    idNumber: maskIdNumber(await fields.decrypt(row.partyIdEnc, `${table}.party_id_enc`)) ?? '',
    name: maskName(await fields.decrypt(row.partyNameEnc, `${table}.party_name_enc`)) ?? '',
  };
}

/**
 * A record written once under the handheld's ID: the first request inserts it; a retry with the same content gets
 * it back; the same ID with different content is a conflict (the record already on the server wins).
 */
export async function onceByClientId<Row extends { requestDigest: string }>(
  insert: () => Promise<Row | undefined>,
  existing: () => Promise<Row | undefined>,
  digest: string,
): Promise<{ row: Row; replayed: boolean }> {
  const row = await insert();
  if (row) return { row, replayed: false };
  const found = await existing();
  if (found && found.requestDigest === digest) return { row: found, replayed: true };
  throw conflict('CLIENT_ID_CONFLICT', '同一编号的记录已存在且内容不同（以服务器上的记录为准）', [{ field: 'id', message: '记录编号已被占用' }]);
}
