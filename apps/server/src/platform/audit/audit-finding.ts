/** One problem an integrity check found: a record changed, deleted, never sealed, or a broken chain link. */
export interface Finding {
  target: string;
  id: string;
  kind: 'modified' | 'deleted' | 'unsealed' | 'chain_broken';
  message: string;
}
