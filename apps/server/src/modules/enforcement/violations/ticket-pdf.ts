import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { TICKET_WIDTH_MM, type Ticket } from '@shtp/core/enforcement';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import QRCode from 'qrcode';

/** Debian `fonts-wqy-microhei` (README: installed with chromium); `TICKET_FONT_FILE` points elsewhere. */
export const DEFAULT_TICKET_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** The font of the collection the ticket uses (a .ttc holds several). */
const FONT_NAME = 'WenQuanYiMicroHei';

const PT_PER_MM = 72 / 25.4;
const WIDTH = TICKET_WIDTH_MM * PT_PER_MM;
const MARGIN = 5 * PT_PER_MM; // 48 mm printable on a 58 mm roll
const TEXT_WIDTH = WIDTH - 2 * MARGIN;
const QR_SIZE = 30 * PT_PER_MM;
const SIZES = { title: 9, number: 7.5, line: 7.5 } as const;
const LEADING = 1.45;

const fonts = new Map<string, Promise<Buffer>>();
/** The font file, read once per path (about 5 MB; only the glyphs used go into each PDF). */
function fontBytes(path: string): Promise<Buffer> {
  let bytes = fonts.get(path);
  if (!bytes) {
    bytes = readFile(path);
    bytes.catch(() => fonts.delete(path)); // installed later: try again next time
    fonts.set(path, bytes);
  }
  return bytes;
}

/** Punctuation that must not begin a line (it hangs into the margin instead). */
const NO_LINE_START = new Set('，。；：、）》”！？');

/** Greedy wrap by the font's own advance widths (CJK text has no spaces to break at). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const ch of text) {
    if (row && !NO_LINE_START.has(ch) && font.widthOfTextAtSize(row + ch, size) > width) {
      rows.push(row);
      row = '';
    }
    row += ch;
  }
  return row ? [...rows, row] : rows;
}

interface Row {
  text: string;
  size: number;
  center?: boolean;
}

/**
 * The ticket as a PDF one thermal roll wide (58 mm) and as long as it needs: the same layout the handheld prints
 * (`ticketOf`), the Chinese font embedded as a subset, and the QR code of the decision number under the text.
 * Throws ENOENT when the font file is missing.
 */
export async function ticketPdf(ticket: Ticket, fontFile: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit({ create: (bytes: Uint8Array) => fontkit.create(bytes, FONT_NAME) });
  const font = await doc.embedFont(await fontBytes(fontFile), { subset: true });
  doc.setTitle(`${ticket.title} ${ticket.number}`);
  doc.setCreator('上海交警综合应用系统');

  const rows: Row[] = [
    ...wrap(ticket.title, font, SIZES.title, TEXT_WIDTH).map((text) => ({ text, size: SIZES.title, center: true })),
    { text: `编号 ${ticket.number}`, size: SIZES.number, center: true },
    ...ticket.lines.flatMap(([label, value]) => wrap(`${label}：${value}`, font, SIZES.line, TEXT_WIDTH).map((text) => ({ text, size: SIZES.line }))),
    ...ticket.notes.flatMap((note) => wrap(note, font, SIZES.line, TEXT_WIDTH).map((text) => ({ text, size: SIZES.line }))),
  ];
  const textHeight = rows.reduce((h, r) => h + r.size * LEADING, 0);
  const height = MARGIN + textHeight + MARGIN / 2 + QR_SIZE + MARGIN;
  const page = doc.addPage([WIDTH, height]);

  let y = height - MARGIN;
  for (const r of rows) {
    y -= r.size * LEADING;
    const x = r.center ? (WIDTH - font.widthOfTextAtSize(r.text, r.size)) / 2 : MARGIN;
    page.drawText(r.text, { x, y, size: r.size, font, color: rgb(0, 0, 0) });
  }
  const qr = await doc.embedPng(await QRCode.toBuffer(ticket.number, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }));
  page.drawImage(qr, { x: (WIDTH - QR_SIZE) / 2, y: MARGIN, width: QR_SIZE, height: QR_SIZE });
  return doc.save();
}
