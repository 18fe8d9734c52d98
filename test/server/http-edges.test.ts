import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Started, scratch, start } from '../support/child.js';

const s = scratch();
let server: Started;
let port: number;

beforeAll(async () => {
  server = start(['src/server.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: s.db,
    DATA_DIR: s.dir,
    DEMO_SEED: 'false',
    BODY_LIMIT_BYTES: '1000',
  });
  port = Number((await server.waitFor(/"port":(\d+)/))[1]);
}, 60_000);
afterAll(() => {
  server.child.kill('SIGKILL');
  s.remove();
});

/**
 * Writes raw bytes on one connection, as a keep-alive client or a broken one would, and collects
 * everything the server answers until it closes the connection or `answers` responses have come.
 */
function exchange(parts: string[], answers: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (closed: boolean) => {
      socket.destroy();
      ok({ text, closed });
    };
    socket.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      if ((text.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= answers && /\}$/.test(text)) done(false);
    });
    socket.once('close', () => done(true));
    socket.once('error', fail);
    for (const part of parts) socket.write(part);
  });
}

const jsonOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

describe('a refused body does not poison a keep-alive connection', { timeout: 30_000 }, () => {
  it('answers 413 and then the next request on the same connection', async () => {
    const big = 'x'.repeat(2_000_000);
    const { text } = await exchange(
      [
        `POST /api/v1/centres HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`,
        big,
        'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n',
      ],
      2,
    );
    const [first, second] = text.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 413 /);
    expect(first).toContain('"code":"body_too_large"');
    expect(second).toMatch(/^HTTP\/1\.1 200 /);
    expect(second).toContain('{"status":"ok"}');
  });

  it('says Connection: close when a streamed body is refused part way', async () => {
    const chunk = 'x'.repeat(4000);
    const { text, closed } = await exchange(
      [
        'POST /api/v1/centres HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
        `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
      ],
      2,
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(jsonOf(text).error.code).toBe('body_too_large');
    expect(closed).toBe(true);
  });
});

describe("requests Node's parser refuses keep the error contract, in English", { timeout: 30_000 }, () => {
  it('answers a 20,000-character query with 431 and a JSON error', async () => {
    const { text } = await exchange(
      [`GET /api/v1/centres?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`],
      1,
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toMatch(/\r\nContent-Type: application\/json\r\n/);
    expect(jsonOf(text)).toEqual({
      error: { code: 'headers_too_large', message: expect.stringMatching(/too long/) },
    });
  });

  it('answers a malformed request line with 400 and a JSON error', async () => {
    const { text } = await exchange(['GARBAGE\r\n\r\n'], 1);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(jsonOf(text)).toEqual({
      error: { code: 'malformed_request', message: expect.stringMatching(/could not be read as HTTP/) },
    });
  });
});
