import type { PageRow } from './archive.repository.ts';

/** The record type of the SM2 signature over an archive's page list (A5), verified by GET /api/signatures/archive-pages/:lsh. */
export const ARCHIVE_SIGNED_TYPE = 'archive-pages';

/** What is signed: the archive's 流水号, version and its current pages in order with their SM3 digests. */
export function signedPageList(
  archive: { lsh: string; version: number },
  pages: Pick<PageRow, 'id' | 'seq' | 'docType' | 'digest'>[],
): Record<string, unknown> {
  return { lsh: archive.lsh, version: archive.version, pages: pages.map((p) => ({ id: p.id, seq: p.seq, docType: p.docType, digest: p.digest })) };
}
