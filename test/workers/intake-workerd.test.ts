import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml, englishBody, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { bootWorkerd } from './workerd.js';

type Worker = Awaited<ReturnType<typeof bootWorkerd>>;

const CENTRES = 'centres@cymorth.localhost';

async function call(worker: Worker, token: string, path: string, method = 'GET') {
  const res = await worker.fetch(path, { method, headers: { authorization: `Bearer ${token}` } });
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field below
  return { status: res.status, json: (await res.json()) as any };
}

async function outbox(worker: Worker) {
  const { results } = await worker.db
    .prepare('select to_address as recipient, template, language, headers from outbox order by id')
    .all<{ recipient: string; template: string; language: string; headers: string }>();
  return results;
}

describe('mail intake on Workers: Email Routing hands messages to email()', () => {
  let worker: Worker;
  let support: string;
  let welshLetter: Uint8Array;

  beforeAll(async () => {
    worker = await bootWorkerd();
    support = worker.tokens.find((t) => t.what.startsWith('centre support'))?.token ?? '';
    welshLetter = await eml({
      from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
      to: CENTRES,
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      messageId: '<newid-swyddog@ysgolgwyr.cymru>',
      attachments: [await pdfAttachment(['Ysgol Gyfun Gŵyr', 'Newid Swyddog Arholiadau'], 'llythyr.pdf')],
    });
  });
  afterAll(() => worker?.dispose());

  it('turns a Welsh change of Exams Officer into a request, answered in Welsh, with its letter kept in R2', async () => {
    const delivered = await worker.email(welshLetter, { from: 'pennaeth@ysgolgwyr.cymru', to: CENTRES });
    expect(delivered.status).toBe(200);

    const list = await call(worker, support, '/api/v1/requests');
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    const reference = list.json.data[0].reference as string;
    expect(reference).toMatch(/^EO-\d{4}-\d{5}$/);

    const request = await call(worker, support, `/api/v1/requests/${reference}`);
    expect(request.json.language).toBe('cy');
    expect(request.json.messages.map((m: { message_id: string }) => m.message_id)).toEqual([
      '<newid-swyddog@ysgolgwyr.cymru>',
    ]);
    const [letter] = request.json.attachments;
    expect(letter.filename).toBe('llythyr.pdf');

    // The acknowledgement waits in D1 for the Cron Trigger, in the centre's language only.
    const [reply] = await outbox(worker);
    expect(reply).toMatchObject({
      recipient: 'pennaeth@ysgolgwyr.cymru',
      template: 'eo_change_received',
      language: 'cy',
    });
    expect(JSON.parse(reply?.headers ?? '{}')).toMatchObject({
      'In-Reply-To': '<newid-swyddog@ysgolgwyr.cymru>',
    });

    // The raw message and the letter are both in the bucket; staff download the letter from it.
    const stored = await (await worker.blobs()).list();
    expect(stored.objects).toHaveLength(2);
    const download = await worker.fetch(letter.download, { headers: { authorization: `Bearer ${support}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder('latin1').decode(await download.arrayBuffer())).toMatch(/^%PDF-/);
  });

  it('takes a second delivery of the same message as a duplicate: still one request and one reply', async () => {
    const again = await worker.email(welshLetter, { from: 'pennaeth@ysgolgwyr.cymru', to: CENTRES });
    expect(again.status).toBe(200);
    expect((await call(worker, support, '/api/v1/requests')).json.data).toHaveLength(1);
    expect(await outbox(worker)).toHaveLength(1);
  });

  it('runs the 48-hour clock from the Cron Trigger: a request past its deadline is marked overdue once', async () => {
    const [listed] = (await call(worker, support, '/api/v1/requests')).json.data;
    expect(listed.overdue).toBe(false);
    await worker.db
      .prepare('update requests set due_at = ? where reference = ?')
      .bind(Date.now() - 60_000, listed.reference)
      .run();
    await worker.scheduled();
    await worker.scheduled();
    const shown = await call(worker, support, `/api/v1/requests/${listed.reference}`);
    const types = shown.json.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'overdue')).toHaveLength(1);
    expect((await call(worker, support, '/api/v1/requests')).json.data[0].overdue).toBe(true);
  });

  it('records a message delivered twice at the same moment once, and accepts both deliveries', async () => {
    const message = await eml({
      subject: 'Change of Exams Officer',
      text: englishBody(),
      messageId: '<twice@stteilos-demo.org.uk>',
      attachments: [await pdfAttachment(["St Teilo's High School"])],
    });
    const envelope = { from: 'head@stteilos-demo.org.uk', to: CENTRES };
    const deliveries = await Promise.all([worker.email(message, envelope), worker.email(message, envelope)]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    const { results } = await worker.db
      .prepare('select count(*) as n from mail_messages where message_id = ?')
      .bind('<twice@stteilos-demo.org.uk>')
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(1);
    const replies = (await outbox(worker)).filter((r) => r.recipient === 'head@stteilos-demo.org.uk');
    expect(replies).toHaveLength(1);
  });

  it('sets aside mail that is not about an Exams Officer, and staff can still make a request of it', async () => {
    const vague = await eml({
      from: 'Helen Davies <head@stteilos-demo.org.uk>',
      to: CENTRES,
      subject: 'Question',
      text: 'Hello, could you call me back about our entries? Helen',
      messageId: '<question@stteilos-demo.org.uk>',
    });
    expect((await worker.email(vague, { from: 'head@stteilos-demo.org.uk', to: CENTRES })).status).toBe(200);

    const setAside = await call(worker, support, '/api/v1/intake/set-aside');
    const message = setAside.json.data.find(
      (m: { message_id: string }) => m.message_id === '<question@stteilos-demo.org.uk>',
    );
    expect(message.reason).toBe('not_eo_change');

    // Converting reads the raw message back from R2; before there was a bucket this answered 501.
    const converted = await call(worker, support, `/api/v1/intake/set-aside/${message.id}/convert`, 'POST');
    expect(converted.status).toBe(200);
    expect(converted.json.reference).toMatch(/^EO-\d{4}-\d{5}$/);
    expect((await call(worker, support, '/api/v1/requests')).json.data).toHaveLength(3);
  });
});

describe('mail intake on a Worker without its R2 bucket', () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await bootWorkerd({}, { blobs: false });
  });
  afterAll(() => worker?.dispose());

  it('fails the delivery, so the sending server keeps the message and tries again, and writes nothing', async () => {
    const message = await eml({
      subject: 'Change of Exams Officer',
      text: englishBody(),
      messageId: '<unbound@stteilos-demo.org.uk>',
    });
    const delivered = await worker.email(message, { from: 'head@stteilos-demo.org.uk', to: CENTRES });
    expect(delivered.status).not.toBe(200);
    expect(delivered.text).toContain('no BLOBS bucket is bound');
    const { results } = await worker.db
      .prepare('select count(*) as n from mail_messages')
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(0);
    expect(await outbox(worker)).toHaveLength(0);
  });
});
