/**
 * Where encrypted objects are kept. Objects are written once under a name that says what they are, never changed;
 * deleted only by the erasure job once no business holds their content (`blob_erasures`).
 */
export interface BlobBackend {
  readonly name: 'fs' | 's3';
  write(key: string, data: Buffer): Promise<void>;
  /** The object, or null when it does not exist. */
  read(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; an object already gone is not an error. */
  delete(key: string): Promise<void>;
  close(): void;
}
