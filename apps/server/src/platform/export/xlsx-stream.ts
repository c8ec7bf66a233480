import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { writeXlsxOffThread, type XlsxSheetRows } from './xlsx-off-thread.ts';

/** One column of an export: its Chinese header, its width in characters, and the cell of a row. */
export interface XlsxColumn<R> {
  header: string;
  width: number;
  cell: (row: R) => string | number;
}

/** Hard cap of one export; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 200_000;

/** A time as officers read it: Beijing time, 24-hour clock; empty when there is none. */
export const beijingTime = (d: Date | string | null): string =>
  d === null ? '' : new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** One worksheet of an export: its name, its columns and its rows (read as the workbook is written). */
export type XlsxSheet = XlsxSheetRows;

/** A worksheet of `rows` under `columns` (at most `EXPORT_MAX_ROWS`), for `xlsxSheetsStream`. */
export function xlsxSheet<R>(name: string, columns: readonly XlsxColumn<R>[], rows: AsyncIterable<R>): XlsxSheet {
  return {
    name,
    columns,
    rows: (async function* () {
      let n = 0;
      for await (const row of rows) {
        if (++n > EXPORT_MAX_ROWS) break;
        yield columns.map((c) => c.cell(row));
      }
    })(),
  };
}

/**
 * Writes rows to an .xlsx stream as they arrive, so an export of many rows never holds the workbook in memory; stops
 * after `EXPORT_MAX_ROWS`. The rows are read and their cells computed here; the file is built by a worker thread
 * (xlsx-off-thread.ts). A failure while reading ends the stream with that error.
 */
export function xlsxStream<R>(sheetName: string, columns: readonly XlsxColumn<R>[], rows: AsyncIterable<R>): Readable {
  return xlsxSheetsStream([xlsxSheet(sheetName, columns, rows)]);
}

/** Several worksheets written one after the other into one streamed workbook (each read only when its turn comes). */
export function xlsxSheetsStream(sheets: readonly XlsxSheet[]): Readable {
  const out = new PassThrough();
  writeXlsxOffThread(sheets, out).catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/**
 * Sends a workbook stream as a download named `<title>-<stamp>.xlsx` (Chinese name for browsers that read
 * `filename*`, the ASCII `fallback` for the rest).
 */
export function sendXlsx(reply: FastifyReply, title: string, fallback: string, stream: Readable): FastifyReply {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fallback}-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}-${stamp}.xlsx`)}`)
    .send(stream);
}
