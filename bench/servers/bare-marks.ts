import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import Database from 'libsql';

/**
 * A second baseline for `marks_save`, reported beside the row's own: bare Hono on @hono/node-server
 * taking the same PUT body over HTTP and writing the same cells through the same driver (one prepared
 * UPDATE a row, one transaction), answering the rows it wrote. No auth, validation, version guard,
 * audit or i18n: the floor of a save over HTTP, so the figure says what our layers cost on top of HTTP.
 */
const sqlite = new Database(process.env.DATABASE_PATH as string);
sqlite.exec('PRAGMA busy_timeout = 5000');
const idsOf = sqlite.prepare(
  'select c.number, e.id from entries e join candidates c on c.id = e.candidate_id join marksheets s on s.id = e.marksheet_id where s.unit_id = ? and s.centre_id = (select id from centres where number = ?)',
);
const update = sqlite.prepare(
  'update entries set marks = ?, version = version + 1, updated_at = ? where id = ?',
);

interface Row {
  candidate_number: string;
  marks: Record<string, unknown>;
  version: number;
}

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.put('/api/v1/centres/:number/units/:unit/marks', async (c) => {
  const { rows } = (await c.req.json()) as { rows: Row[] };
  const ids = new Map(
    (idsOf.all([Number(c.req.param('unit')), c.req.param('number')]) as { number: string; id: number }[]).map(
      (r) => [r.number, r.id],
    ),
  );
  const now = Date.now();
  sqlite.exec('BEGIN IMMEDIATE');
  const written = rows.map((r) => {
    update.run([JSON.stringify(r.marks), now, ids.get(r.candidate_number)]);
    return { candidate_number: r.candidate_number, marks: r.marks, version: r.version + 1 };
  });
  sqlite.exec('COMMIT');
  return c.json({ saved: written.length * 2, refused: [], rows: written });
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
