import { describe, expect, it } from 'vitest';
import { checkAttachmentsNamed } from './inbound.service.ts';
import type { OpenedPayload } from './package/package-format.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const opened = (photos: unknown[], crossed: string[]): OpenedPayload => ({
  records: [
    { key: 'YD1', version: 1, data: {} },
    { key: 'YD2', version: 2, data: { photos } },
  ],
  lines: [],
  attachments: crossed.map((sm3) => ({ sm3, content: Buffer.from(sm3), mime: 'image/jpeg' })),
});

describe('records and the attachments of their package', () => {
  it('accept records naming only files that crossed in the package (and records naming none)', () => {
    expect(() => checkAttachmentsNamed(opened([{ kind: 'vehicle', digest: A }], [A, B]), 'photos')).not.toThrow();
    expect(() => checkAttachmentsNamed(opened([], []), 'photos')).not.toThrow();
    expect(() => checkAttachmentsNamed(opened([], []), undefined)).not.toThrow();
  });

  it('refuse a record naming a file the package lacks, a malformed list, and files on a channel that carries none', () => {
    expect(() => checkAttachmentsNamed(opened([{ kind: 'vehicle', digest: B }], [A]), 'photos')).toThrow('第 2 条记录引用的附件不在数据包中');
    expect(() => checkAttachmentsNamed(opened([{ kind: 'vehicle' }], [A]), 'photos')).toThrow('第 2 条记录引用的附件不在数据包中');
    expect(() => checkAttachmentsNamed(opened('x' as unknown as unknown[], [A]), 'photos')).toThrow('第 2 条记录引用的附件不在数据包中');
    expect(() => checkAttachmentsNamed(opened([], [A]), undefined)).toThrow('该数据类型不携带附件，数据包却带有附件');
  });
});
