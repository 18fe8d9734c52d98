import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { sealMessage } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailMessages } from '../../src/db/schema/index.js';
import type { AuthEvidence } from '../../src/intake/authenticity.js';
import { ingest } from '../../src/intake/pipeline.js';
import type { OwnVerification } from '../../src/mail-auth/verifier.js';
import { createHarness, type Harness } from '../support/harness.js';
import { authPass, eml, englishBody } from './support/mail.js';

// Keys made for this run; their public halves are served by the test's own DNS (h.dns.records).
const schoolKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (k: typeof schoolKey) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const dkimRecord = (k: typeof schoolKey) =>
  `v=DKIM1; k=rsa; p=${k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  h.dns.records.set('s2026._domainkey.stteilos-demo.org.uk', [[dkimRecord(schoolKey)]]);
  h.dns.records.set('mk1._domainkey.bulkmailer.example', [[dkimRecord(otherKey)]]);
  h.dns.records.set('arc1._domainkey.forwarder.example', [[dkimRecord(otherKey)]]);
  h.dns.records.set('_dmarc.stteilos-demo.org.uk', [['v=DMARC1; p=quarantine']]);
});
afterEach(() => h.close());

const message = (rawHeaders: string[] = []) =>
  eml({
    subject: 'Change of Exams Officer',
    text: englishBody(),
    messageId: '<signed@stteilos-demo.org.uk>',
    rawHeaders,
  });

async function signed(domain: string, selector: string, key: typeof schoolKey, raw?: Uint8Array) {
  const body = raw ?? (await message());
  const { signatures } = await dkimSign(Buffer.from(body), {
    signatureData: [{ signingDomain: domain, selector, privateKey: pem(key) }],
  });
  return Buffer.concat([Buffer.from(signatures), Buffer.from(body)]);
}

async function ingestRaw(raw: Uint8Array) {
  const result = await ingest(h.ctx, raw);
  const [row] = await h.ctx.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.messageId, result.message_id));
  return { result, detail: row?.authDetail as unknown as AuthEvidence & { own: OwnVerification } };
}

describe('senders proven by the message itself', () => {
  it('passes a message the school signed, its DMARC aligned, and says our own check proved it', async () => {
    const { result, detail } = await ingestRaw(await signed('stteilos-demo.org.uk', 's2026', schoolKey));
    expect(result.checks.authentication).toBe('pass');
    expect(detail).toMatchObject({
      decided_by: 'own_verification',
      trusted_header: 'none',
      own: {
        dkim: [{ domain: 'stteilos-demo.org.uk', selector: 's2026', result: 'pass', aligned: true }],
        dmarc: { domain: 'stteilos-demo.org.uk', result: 'pass' },
        arc: null,
      },
    });
  });

  it('fails a message whose body was changed after signing', async () => {
    const raw = (await signed('stteilos-demo.org.uk', 's2026', schoolKey)).toString('latin1');
    const altered = Buffer.from(
      raw.replace('joanne.price@stteilos-demo.org.uk', 'attacker@evil.example'),
      'latin1',
    );
    const { result, detail } = await ingestRaw(altered);
    expect(result.checks.authentication).toBe('fail');
    // mailauth calls a body that no longer matches its hash `neutral` (RFC 6376 §3.9), and says why.
    expect(detail.own.dkim[0]).toMatchObject({
      domain: 'stteilos-demo.org.uk',
      result: 'neutral',
      why: expect.stringMatching(/body hash/),
    });
    expect(detail.own.dmarc?.result).toBe('fail');
  });

  it('does not pass a signature whose key is not published', async () => {
    h.dns.records.delete('s2026._domainkey.stteilos-demo.org.uk');
    const { result, detail } = await ingestRaw(await signed('stteilos-demo.org.uk', 's2026', schoolKey));
    expect(result.checks.authentication).toBe('fail');
    expect(detail.own.dkim[0]?.result).not.toBe('pass');
    expect(detail.own.dmarc?.result).toBe('fail');
  });

  it("does not take another domain's signature for the school's: the sender stays unproven", async () => {
    const { result, detail } = await ingestRaw(await signed('bulkmailer.example', 'mk1', otherKey));
    expect(detail.own.dkim).toEqual([
      { domain: 'bulkmailer.example', selector: 'mk1', result: 'pass', why: null, aligned: false },
    ]);
    expect(detail.own.dmarc?.result).toBe('fail');
    expect(result.checks.authentication).toBe('none');
  });

  it('leaves a sender unproven, not failed, when the domain publishes no DMARC policy', async () => {
    h.dns.records.delete('_dmarc.stteilos-demo.org.uk');
    const { result } = await ingestRaw(await signed('bulkmailer.example', 'mk1', otherKey));
    expect(result.checks.authentication).toBe('none');
  });

  it("keeps our border MTA's header as the deciding proof, with our own check beside it", async () => {
    const { result, detail } = await ingestRaw(
      await signed('stteilos-demo.org.uk', 's2026', schoolKey, await message([authPass])),
    );
    expect(result.checks.authentication).toBe('pass');
    expect(detail).toMatchObject({
      decided_by: 'trusted_header',
      trusted_header: 'pass',
      own: { dmarc: { result: 'pass' } },
    });
  });

  it('records the ARC chain of a message a forwarder sealed', async () => {
    const original = await signed('stteilos-demo.org.uk', 's2026', schoolKey);
    const seal = await sealMessage(original, {
      signingDomain: 'forwarder.example',
      selector: 'arc1',
      privateKey: pem(otherKey),
      authResults: 'forwarder.example; dkim=pass header.d=stteilos-demo.org.uk',
      cv: 'none',
    });
    const { detail } = await ingestRaw(Buffer.concat([seal, original]));
    expect(detail.own.arc).toEqual({ result: 'pass', instances: 1 });
  });

  it('leaves unsigned mail unproven, not failed: its SPF only the border MTA can see', async () => {
    const { result, detail } = await ingestRaw(await message());
    expect(result.checks.authentication).toBe('none');
    expect(detail).toEqual({
      decided_by: null,
      trusted_header: 'none',
      own: { dkim: [], dmarc: null, arc: null },
    });
    expect(h.dns.asked).toEqual([]);
  });
});
