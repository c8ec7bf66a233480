import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxSheet, xlsxSheetsStream, xlsxStream } from './xlsx-stream.ts';

interface Person {
  id: number;
  name: string;
}

async function* people(n: number, onClose?: () => void): AsyncIterable<Person> {
  try {
    for (let id = 1; id <= n; id++) yield { id, name: `姓名${id}` };
  } finally {
    onClose?.();
  }
}

const columns = [
  { header: '序号', width: 8, cell: (p: Person) => p.id },
  { header: '姓名', width: 12, cell: (p: Person) => p.name },
];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('xlsx export built on a worker thread', () => {
  it('writes every sheet with its bold headers and all rows, in order', async () => {
    const file = await bytesOf(xlsxSheetsStream([xlsxSheet('甲表', columns, people(1_234)), xlsxSheet('乙表', columns, people(3))]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const [first, second] = book.worksheets;
    expect(first?.name).toBe('甲表');
    expect(first?.getRow(1).values).toEqual([undefined, '序号', '姓名']);
    expect(first?.getRow(1).font?.bold).toBe(true);
    expect(first?.rowCount).toBe(1_235);
    expect(first?.getRow(1_235).values).toEqual([undefined, 1_234, '姓名1234']);
    expect(second?.name).toBe('乙表');
    expect(second?.rowCount).toBe(4);
  });

  it('ends the stream with the error of a failed read', async () => {
    async function* failing(): AsyncIterable<Person> {
      yield { id: 1, name: '甲' };
      throw new Error('读取失败');
    }
    await expect(bytesOf(xlsxStream('表', columns, failing()))).rejects.toThrow('读取失败');
  });

  it('stops reading when the client goes away', async () => {
    let closed = false;
    const stream = xlsxStream(
      '表',
      columns,
      people(1_000_000, () => (closed = true)),
    );
    await new Promise((resolve) => stream.once('data', resolve));
    stream.destroy();
    await expect.poll(() => closed, { timeout: 20_000 }).toBe(true);
  });

  it('leaves the request thread mostly idle while a large file is built (figures printed)', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const elu = performance.eventLoopUtilization();
    const file = await bytesOf(xlsxStream('表', columns, people(50_000)));
    const busy = performance.eventLoopUtilization(elu);
    delay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `xlsx 50,000 rows (${file.length} bytes): event-loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; request thread busy ${ms(busy.active * 1e6)} ms of ${ms((busy.active + busy.idle) * 1e6)} ms`,
    );
    expect(file.length).toBeGreaterThan(100_000);
    // Built on this thread, the file kept it busy ~99 % of the export's time (exceljs yields often but never rests).
    expect(busy.utilization).toBeLessThan(0.6);
  });
});
