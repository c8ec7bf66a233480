import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config/config.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AttachmentRow } from './attachments.repository.ts';
import { AttachmentsService } from './attachments.service.ts';
import { publicOrigin } from './publishing.settings.ts';

describe('PUBLIC_ORIGIN (G8: the addresses of published files)', () => {
  it('is empty when unset, and the origin alone when set', () => {
    expect(publicOrigin({})).toBe('');
    expect(publicOrigin({ PUBLIC_ORIGIN: 'https://jtjc.example.gov.cn' })).toBe('https://jtjc.example.gov.cn');
    expect(publicOrigin({ PUBLIC_ORIGIN: 'https://jtjc.example.gov.cn:8443/' })).toBe('https://jtjc.example.gov.cn:8443');
  });

  it('refuses anything but an http(s) origin, in Chinese', () => {
    for (const bad of ['ftp://example.gov.cn', 'jtjc.example.gov.cn', 'https://jtjc.example.gov.cn/portal', 'https://jtjc.example.gov.cn/?a=1']) {
      expect(() => publicOrigin({ PUBLIC_ORIGIN: bad }), bad).toThrow(ConfigError);
    }
    expect(() => publicOrigin({ PUBLIC_ORIGIN: 'https://jtjc.example.gov.cn/portal' })).toThrow(/PUBLIC_ORIGIN 只能是协议、主机和端口/);
  });

  it("puts the origin in front of a file's public address, or leaves the address relative", () => {
    const row = { digest: 'ab'.repeat(32), filename: '报名表.pdf', mime: 'application/pdf', size: 1234 } as AttachmentRow;
    const serviceOn = (source: NodeJS.ProcessEnv) => new AttachmentsService({ config: { source } } as unknown as Platform);
    expect(serviceOn({ PUBLIC_ORIGIN: 'https://jtjc.example.gov.cn' }).view('exam-forms', row).url).toBe(
      `https://jtjc.example.gov.cn/api/public/contents/exam-forms/attachments/${row.digest}`,
    );
    expect(serviceOn({}).view('exam-forms', row)).toEqual({ ...row, url: `/api/public/contents/exam-forms/attachments/${row.digest}` });
  });
});
