// Worker thread of one streamed .xlsx export (xlsx-stream.ts): the workbook's XML and its zip are built here, off the
// request thread. Plain JS so that it starts without a TypeScript loader. Messages in order: {sheet}, {rows}…,
// {endSheet}, … {commit}; answers {chunk} (the file's bytes, transferred), {ack} after each batch of rows, {done}
// after the last chunk, or {error}.
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';

const port = parentPort;
const out = new Writable({
  write(chunk, _encoding, callback) {
    const data = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
    port.postMessage({ type: 'chunk', data }, [data]);
    callback();
  },
});
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
let sheet = null;

port.on('message', async (msg) => {
  try {
    if (msg.type === 'sheet') {
      sheet = workbook.addWorksheet(msg.name);
      sheet.columns = msg.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    } else if (msg.type === 'rows') {
      for (const row of msg.rows) sheet.addRow(row).commit();
      port.postMessage({ type: 'ack' });
    } else if (msg.type === 'endSheet') {
      sheet.commit();
    } else if (msg.type === 'commit') {
      await workbook.commit();
      port.postMessage({ type: 'done' });
    }
  } catch (err) {
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
