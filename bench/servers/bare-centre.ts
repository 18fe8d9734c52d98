import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import Database from 'libsql';

/**
 * The baseline for `centre_lookup`: bare Hono on @hono/node-server with the same SQLite driver
 * (libsql's synchronous connection, the statement prepared once) doing the same point lookup by
 * number and answering the row as JSON. No auth, no i18n, no logging, no validation: what is left
 * is the floor our layers are measured against.
 */
const sqlite = new Database(process.env.DATABASE_PATH as string);
const lookup = sqlite.prepare('select * from centres where number = ?');
const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/api/v1/centres/:number', (c) => {
  const row = lookup.get(c.req.param('number'));
  return row ? c.json(row) : c.json({ error: 'not found' }, 404);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
