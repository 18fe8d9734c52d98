import { serve } from '@hono/node-server';
import { createClient } from '@libsql/client';
import { Hono } from 'hono';

/**
 * The baseline for `centre_lookup`: bare Hono on @hono/node-server with the same SQLite driver
 * (@libsql/client) doing the same point lookup by number and answering the row as JSON. No auth,
 * no i18n, no logging, no validation: what is left is the floor our layers are measured against.
 */
const db = createClient({ url: `file:${process.env.DATABASE_PATH}` });
const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/api/v1/centres/:number', async (c) => {
  const rs = await db.execute({
    sql: 'select * from centres where number = ?',
    args: [c.req.param('number')],
  });
  const row = rs.rows[0];
  return row ? c.json(row) : c.json({ error: 'not found' }, 404);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
