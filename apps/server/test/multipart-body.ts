/** One part of a multipart/form-data body: a text field (`value`) or a file (`file`, with its name and type). */
export interface FormPart {
  name: string;
  value?: string;
  file?: Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body of fields and files, for `app.inject` (the exact bytes a browser would send). */
export function multipartForm(parts: FormPart[], boundary = '----shtp-test-upload') {
  const chunks = parts.map((p) =>
    p.file
      ? Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename ?? 'image.jpg'}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          p.file,
          Buffer.from('\r\n'),
        ])
      : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`),
  );
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType, headers: { 'content-type': contentType } };
}

/** Files in one field. */
export function multipartBody(field: string, files: { name: string; data: Buffer }[], boundary?: string) {
  return multipartForm(
    files.map((f) => ({ name: field, file: f.data, filename: f.name })),
    boundary,
  );
}
