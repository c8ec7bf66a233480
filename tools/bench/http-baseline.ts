/**
 * The bare baseline of tools/bench/http.bench.ts: Fastify 5 and a node-postgres pool of the same size as the
 * server's, answering the same indexed reads and the same kind of write on the same tables, one statement each
 * (two for the vehicle page) — no session, permissions, audit, decryption or masking. What the product costs beyond
 * this is the price of its request path. Started as a child process: PORT, DATABASE_URL, DB_POOL_SIZE.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

const SUMMARY = `id, plate, plate_kind, zcbm, motor_no, brand, model, colours, owner_name_enc, stolen, locked, cancelled, department_id, registered_at, version`;

app.get<{ Querystring: { plate: string } }>('/api/ebike/vehicles', async (request) => {
  const { rows } = await pool.query({ name: 'by-plate', text: `select ${SUMMARY} from nm_vehicles where plate = $1 limit 50`, values: [request.query.plate] });
  return rows;
});

app.get<{ Params: { id: string } }>('/api/ebike/vehicles/:id', async (request, reply) => {
  const id = Number(request.params.id);
  const { rows } = await pool.query({ name: 'vehicle', text: 'select * from nm_vehicles where id = $1', values: [id] });
  if (rows.length === 0) return reply.status(404).send({ code: 'NOT_FOUND' });
  const history = await pool.query({
    name: 'history',
    text: 'select id, lsh, type, ywlx, reason, changes, operator_name, created_at, upload_status from ebike_businesses where vehicle_id = $1 order by id',
    values: [id],
  });
  return { ...rows[0], businesses: history.rows };
});

// The session row by its key, as /api/auth/me reads it (the cookie value stands in for its digest).
app.get('/api/auth/me', async (request) => {
  const sid = /sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1] ?? '';
  const { rows } = await pool.query({ name: 'session', text: 'select user_id, csrf_token, expires_at from sessions where id = $1', values: [sid] });
  return { session: rows[0] ?? null };
});

app.post<{ Params: { id: string }; Body: { version: number; colours: string[] } }>('/api/ebike/vehicles/:id/change', async (request, reply) => {
  const { rows } = await pool.query({
    name: 'change',
    text: 'update nm_vehicles set colours = $1, version = version + 1, updated_at = now() where id = $2 and version = $3 returning id, version',
    values: [request.body.colours.join(''), Number(request.params.id), request.body.version],
  });
  if (rows.length === 0) return reply.status(409).send({ code: 'VERSION_CONFLICT' });
  return rows[0];
});

app.get('/api/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 4096 });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
