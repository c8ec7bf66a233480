import { z } from 'zod';
import { ConfigError } from '../../platform/config/config.ts';

const EnvSchema = z.object({
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_ORIGIN 须为 http:// 或 https:// 开头的地址' })
    .refine((u) => {
      const url = URL.parse(u);
      return url !== null && url.pathname === '/' && !url.search && !url.hash;
    }, 'PUBLIC_ORIGIN 只能是协议、主机和端口（不带路径、查询或锚点）')
    .optional(),
});

/**
 * G8: the origin the public reaches this zone at (e.g. `https://jtjc.example.gov.cn`), from `PUBLIC_ORIGIN`. The
 * addresses of published files carry it, so that the 一网通办 hub, which shows them on its own pages, can link them;
 * '' (unset) keeps them relative to the zone, as its own pages need.
 */
export function publicOrigin(env: NodeJS.ProcessEnv): string {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data.PUBLIC_ORIGIN ? new URL(parsed.data.PUBLIC_ORIGIN).origin : '';
}
