/**
 * Generates the phase-2 recognition fixtures: vehicle-sale invoices (classic and 数电, with their QR code, two of them
 * tampered), business licences, customs import certificates and Shanghai residence permits, clean and hard, with a
 * truth file; and the simulated tax bureau's registry of issued invoices (apps/server/src/integrations/tax-verify).
 *
 *   npx tsx tools/recognition-fixtures/generate-documents.ts [--seed N]
 *
 * Values come from @shtp/testkit (seeded generator and document records); degradations from ./render.ts. Needs the fonts of README.md.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Rng as GenRng,
  type InvoiceRecord,
  type InvoiceStatus,
  importCertificateRecords,
  invoiceRecords,
  licenceRecords,
  residencePermitRecords,
} from '@shtp/testkit';
import { formatFen } from './amount-words.ts';
import {
  businessLicenceSvg,
  digitalInvoiceSvg,
  importCertificateSvg,
  motorInvoiceSvg,
  residencePermitSvg,
  taxRegistrationSvg,
  usccCertificatePrint,
  usccCertificateSvg,
} from './document-svg.ts';
import { Rng } from './prng.ts';
import { type Degradation, degrade } from './render.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'apps/server/test/fixtures/recognition/documents');
const registryFile = path.join(root, 'apps/server/src/integrations/tax-verify/simulator-registry.json');
const args = process.argv.slice(2);
const seedArg = args.indexOf('--seed');
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 20261102;

const gen = new GenRng(seed);
const rng = new Rng(seed);
const HARD: Degradation[] = ['blur', 'rotate', 'jpeg', 'low-contrast', 'perspective', 'noise'];

export type DocType =
  | 'motor-invoice'
  | 'digital-invoice'
  | 'business-licence'
  | 'import-certificate'
  | 'residence-permit'
  | 'tax-registration'
  | 'uscc-certificate';

export interface DocumentTruthItem {
  file: string;
  docType: DocType;
  variant: 'clean' | 'hard';
  degradations: Degradation[];
  /** A copy of an issued invoice with altered figures (`truth` then holds the issued values). */
  tampered?: 'total' | 'net-and-total';
  /** The simulated tax bureau's answer for this invoice; 不存在 = never issued. */
  verifyStatus?: InvoiceStatus | '不存在';
  truth: Record<string, string>;
}

/** Hard variants cycle through the degradations so that every kind of document meets each of them. */
let hardCount = 0;
const hardSet = (): Degradation[] => [HARD[hardCount++ % HARD.length] as Degradation, ...(rng.chance(0.3) ? rng.shuffle([...HARD]).slice(0, 1) : [])];
const amount = (fen: number) => formatFen(fen, false);

function invoiceTruth(r: InvoiceRecord): Record<string, string> {
  return {
    kind: r.kind,
    ...(r.code ? { invoiceCode: r.code } : {}),
    invoiceNumber: r.number,
    issueDate: r.issueDate,
    buyerName: r.buyerName,
    buyerId: r.buyerId,
    vin: r.vin,
    totalAmount: amount(r.totalFen),
    netAmount: amount(r.netFen),
    taxAmount: amount(r.taxFen),
    sellerName: r.sellerName,
    sellerTaxId: r.sellerUscc,
  };
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const items: DocumentTruthItem[] = [];
  const save = async (file: string, docType: DocType, svg: string, hard: boolean, truth: Record<string, string>, extra: Partial<DocumentTruthItem> = {}) => {
    const degradations = hard ? [...new Set(hardSet())] : [];
    writeFileSync(path.join(outDir, file), await degrade(rng, Buffer.from(svg), degradations, { quality: 72 }));
    items.push({ file, docType, variant: hard ? 'hard' : 'clean', degradations, ...extra, truth });
  };

  // 8 classic + 4 数电 invoices; the registry holds all but one, one 作废 and one 红冲.
  const kinds: InvoiceRecord['kind'][] = ['motor', 'motor', 'motor', 'motor', 'motor', 'motor', 'motor', 'motor', 'digital', 'digital', 'digital', 'digital'];
  const statuses: (InvoiceStatus | null)[] = ['正常', '正常', '正常', '正常', '正常', '作废', '正常', '正常', '正常', '红冲', null, '正常'];
  const invoices = invoiceRecords(gen.fork('invoices'), kinds, statuses);
  for (const [i, r] of invoices.entries()) {
    const svg = r.kind === 'motor' ? await motorInvoiceSvg(r) : await digitalInvoiceSvg(r);
    await save(`invoice-${String(i + 1).padStart(2, '0')}.jpg`, r.kind === 'motor' ? 'motor-invoice' : 'digital-invoice', svg, i % 2 === 1, invoiceTruth(r), {
      verifyStatus: r.status ?? '不存在',
    });
  }
  // Tampered copies of issued invoices: the total raised (words, QR and tax untouched), and net + total raised together.
  const [a, b] = invoices as [InvoiceRecord, InvoiceRecord];
  await save('invoice-tampered-total.jpg', 'motor-invoice', await motorInvoiceSvg(a, { ...a, totalFen: a.totalFen + 2_000_000 }), false, invoiceTruth(a), {
    tampered: 'total',
    verifyStatus: '正常',
  });
  await save(
    'invoice-tampered-net.jpg',
    'motor-invoice',
    await motorInvoiceSvg(b, { ...b, netFen: b.netFen - 1_000_000, totalFen: b.totalFen - 1_000_000 }),
    false,
    invoiceTruth(b),
    { tampered: 'net-and-total', verifyStatus: '正常' },
  );

  for (const [i, r] of licenceRecords(gen.fork('licences'), 6).entries()) {
    await save(`licence-${String(i + 1).padStart(2, '0')}.jpg`, 'business-licence', businessLicenceSvg(r), i % 2 === 1, {
      uscc: r.uscc,
      name: r.name,
      type: r.type,
      legalRepresentative: r.legalRepresentative,
      established: r.established,
      address: r.address,
    });
  }
  for (const [i, r] of importCertificateRecords(gen.fork('imports'), 4).entries()) {
    await save(`import-${String(i + 1).padStart(2, '0')}.jpg`, 'import-certificate', importCertificateSvg(r), i % 2 === 1, {
      certificateNo: r.certificateNo,
      vin: r.vin,
      brand: r.brand,
      model: r.model,
      engineNo: r.engineNo,
      importDate: r.importDate,
    });
  }
  for (const [i, r] of residencePermitRecords(gen.fork('permits'), 4).entries()) {
    await save(`residence-${String(i + 1).padStart(2, '0')}.jpg`, 'residence-permit', residencePermitSvg(r), i % 2 === 1, {
      name: r.name,
      idNumber: r.idNumber,
      address: r.address,
      authority: r.authority,
      validFrom: r.validFrom,
      validTo: r.validTo,
    });
  }
  // Last, so that the documents above keep their bytes: two pre-2015 certificates (15-character number), two with the USCC.
  for (const [i, r] of licenceRecords(gen.fork('tax-registrations'), 4).entries()) {
    const form = i < 2 ? 'pre-2015' : 'uscc';
    await save(`tax-${String(i + 1).padStart(2, '0')}.jpg`, 'tax-registration', taxRegistrationSvg(r, form), i % 2 === 1, {
      form,
      taxpayerId: form === 'uscc' ? r.uscc : r.uscc.slice(2, 17),
      name: r.name,
      legalRepresentative: r.legalRepresentative,
      address: r.address,
    });
  }
  // After them (same reason): four 统一社会信用代码证书 (T17), one valid without end, one whose validity has ended.
  const years = (iso: string, n: number) => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;
  for (const [i, issued] of licenceRecords(gen.fork('uscc-certificates'), 4).entries()) {
    const r = i === 3 ? { ...issued, issued: years(issued.issued, -9) } : issued;
    const print = usccCertificatePrint(r, i === 0 ? '长期' : years(r.issued, i === 3 ? 4 : 5));
    await save(`uscc-cert-${String(i + 1).padStart(2, '0')}.jpg`, 'uscc-certificate', usccCertificateSvg(r, print), i % 2 === 1, {
      uscc: r.uscc,
      name: r.name,
      orgType: print.orgType,
      legalRepresentative: r.legalRepresentative,
      address: r.address,
      validity: print.validity,
    });
  }

  const truthFile = path.join(outDir, 'truth.json');
  writeFileSync(
    truthFile,
    `${JSON.stringify({ description: '合成识别测试集第二批（发票、营业执照、货物进口证明书、居住证、税务登记证、统一社会信用代码证书；非真实）', generator: 'tools/recognition-fixtures/generate-documents.ts', seed, items }, null, 2)}\n`,
  );
  const registry = invoices
    .filter((r) => r.status)
    .map((r) => ({
      invoiceCode: r.code,
      invoiceNumber: r.number,
      issueDate: r.issueDate,
      netAmount: amount(r.netFen),
      taxAmount: amount(r.taxFen),
      totalAmount: amount(r.totalFen),
      buyerName: r.buyerName,
      sellerName: r.sellerName,
      sellerTaxId: r.sellerUscc,
      status: r.status,
    }));
  writeFileSync(
    registryFile,
    `${JSON.stringify({ description: '税务查验模拟器的已开具发票登记（合成数据，由 tools/recognition-fixtures/generate-documents.ts 生成）', invoices: registry }, null, 2)}\n`,
  );
  spawnSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', truthFile, registryFile], { stdio: 'ignore' });
  console.log(`${items.length} documents written to ${path.relative(process.cwd(), outDir)}; ${registry.length} invoices in the simulator registry`);
}

await main();
