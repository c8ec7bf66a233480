import { sm3Stream } from '@shtp/gm';

/** One page of records after a keyset id, oldest first. */
export type PageReader = (afterId: number, limit: number) => Promise<{ id: number }[]>;

export interface ResponseFile {
  /** The data file, one JSON record per line, one chunk per page: read once. */
  chunks: AsyncIterable<Uint8Array>;
  /** Records in the chunks read so far (the whole file once `chunks` is exhausted). */
  count(): number;
  /** SM3 of the whole file, hex: call it once `chunks` is exhausted. */
  sm3(): string;
}

/**
 * The R3 data file as a stream: pages by id are read one at a time while the previous one is written, counted and
 * hashed on the way, so a million records never sit in memory. Stops between pages when `signal` aborts.
 */
export function responseFile(read: PageReader, pageSize: number, signal?: AbortSignal): ResponseFile {
  const hash = sm3Stream();
  let count = 0;
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let after = 0; ; ) {
      signal?.throwIfAborted();
      const page = await read(after, pageSize);
      if (page.length > 0) {
        const chunk = Buffer.from(`${page.map((r) => JSON.stringify(r)).join('\n')}\n`, 'utf8');
        hash.update(chunk);
        count += page.length;
        yield chunk;
      }
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }
  return {
    chunks: chunks(),
    count: () => count,
    sm3: () => {
      digest ??= hash.digest('hex');
      return digest;
    },
  };
}
