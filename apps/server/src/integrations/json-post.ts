import type { z } from 'zod';

/** `status`: the far side's HTTP status when it answered with an error (absent when it did not answer). */
export type JsonAnswer<T> = { ok: true; data: T } | { ok: false; reason: string; status?: number };

/**
 * POST JSON to an external system with a deadline; anything but a well-formed 200 is a reason in Chinese (`system`
 * names the other side), never a made-up answer. Shared by the HTTP clients of the integrations.
 */
export async function postJson<S extends z.ZodType>(
  system: string,
  url: URL,
  body: unknown,
  schema: S,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<z.infer<S>>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timeout = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return { ok: false, reason: timeout ? `${system}超时（${Math.round(timeoutMs / 1000)} 秒）` : `${system}无法连接` };
  }
  if (res.status !== 200) {
    const message = await res
      .json()
      .then((b: unknown) => (b as { message?: string } | null)?.message)
      .catch(() => undefined);
    return { ok: false, status: res.status, reason: `${system}返回错误（HTTP ${res.status}${message ? `：${message}` : ''}）` };
  }
  const parsed = schema.safeParse(await res.json().catch(() => null));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: `${system}的应答格式无法识别` };
}

/** The URL setting of an integration: a URL → the real client; none outside production → the simulator; none in production → unavailable. */
export function integrationUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name] || undefined;
  if (value !== undefined && !/^https?:\/\/\S+$/.test(value)) throw new Error(`配置错误（环境变量）：\n  ${name}: 须为 http:// 或 https:// 开头的地址`);
  return value;
}
