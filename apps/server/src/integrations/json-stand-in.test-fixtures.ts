import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One JSON request as the stand-in received it. */
export interface StandInRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface JsonStandIn {
  /** `http://127.0.0.1:<port>`: the client's base URL is this plus the system's path prefix. */
  origin: string;
  /** Every request so far, in order: its path and parsed body. */
  received: { path: string; body: unknown }[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for an external system in a client's test: it parses each request's JSON body,
 * keeps it, and answers with the status and JSON body `answer` gives for it.
 */
export async function jsonStandIn(answer: (request: StandInRequest) => [status: number, body: unknown]): Promise<JsonStandIn> {
  const received: JsonStandIn['received'] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body: JSON.parse(text) as unknown };
      received.push({ path: request.path, body: request.body });
      const [status, body] = answer(request);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
