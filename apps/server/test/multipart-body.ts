/** A multipart/form-data body of files in one field (and text fields before them), for `app.inject` (the exact bytes a browser would send). */
export function multipartBody(field: string, files: { name: string; data: Buffer }[], boundary = '----shtp-test-upload', texts: Record<string, string> = {}) {
  const fields = Object.entries(texts).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return { payload: Buffer.concat([...fields, ...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
