import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centreNameMatches } from '../../src/intake/name-match.js';
import { signatoryMatches } from '../../src/intake/signatory.js';
import { createHarness, type Harness } from '../support/harness.js';
import { authFail, authPass, englishBody, ingestMail, pdfAttachment } from './support/mail.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const request = async (opts: Parameters<typeof ingestMail>[1]) =>
  ingestMail(h, {
    subject: 'Change of Exams Officer',
    attachments: [await pdfAttachment(['Letter'])],
    ...opts,
  });

describe('centre name', () => {
  it.each([
    ["St Teilo's High School", "ST TEILO'S HIGH SCHOOL"],
    ["St Teilo's High School", 'St. Teilos School'],
    ["St Teilo's High School", "Saint Teilo's High"],
    ['Ysgol Gyfun Gŵyr', 'Ysgol Gyfun Gwyr'],
    ['Ysgol Gyfun Gŵyr', 'Gŵyr Comprehensive School'],
    ['Ysgol Bro Dinefwr', 'Bro Dinefwr Uwchradd'],
  ])('%s matches %s', (record, given) => {
    expect(centreNameMatches(given, record)).toBe(true);
  });

  it.each([
    ['Ysgol Gyfun Gŵyr', 'Ysgol Bro Dinefwr'],
    ["St Teilo's High School", "St David's High School"],
    ['Ysgol y Preseli', 'Ysgol'],
  ])('%s does not match %s', (record, given) => {
    expect(centreNameMatches(given, record)).toBe(false);
  });

  it('fails the check when the name given belongs to another centre', async () => {
    const r = await request({ text: englishBody({ centre: 'Ysgol Bro Dinefwr' }) });
    expect(r.checks.centre_name_matches).toBe(false);
    expect(r.fields.centre_name).toBe('Ysgol Bro Dinefwr');
  });

  it('names an unknown centre number as missing', async () => {
    const r = await request({ text: englishBody({ number: '12345' }) });
    expect(r.fields.centre_number).toBe('12345');
    expect(r.missing).toContain('centre_number');
  });
});

describe('signatory', () => {
  it.each([
    'Helen Davies',
    'Mrs H. Davies, Headteacher',
    'Jo Bloggs, Deputy Head',
    'Jo Bloggs, Assistant Headteacher',
    'Jo Bloggs, Principal',
    'Siân Lewis, Dirprwy Bennaeth',
    'Siân Lewis, Pennaeth Cynorthwyol',
    'Siân Lewis, Prifathrawes',
  ])('%s is accepted for a centre whose Head is Helen Davies', (signatory) => {
    expect(signatoryMatches(signatory, 'Helen Davies')).toBe(true);
  });

  it.each(['Jo Bloggs', 'Jo Bloggs, Exams Officer', 'Helen Jones'])('%s is not', (signatory) => {
    expect(signatoryMatches(signatory, 'Helen Davies')).toBe(false);
  });

  it('fails the check when the signer is neither the Head nor senior', async () => {
    const r = await request({ text: englishBody({ signed: 'Jo Bloggs, Exams Officer' }) });
    expect(r.checks.signatory_matches).toBe(false);
    expect(r.missing).toEqual([]);
  });
});

describe('sender checks', () => {
  it('passes a sender from the centre domain with our own passing Authentication-Results', async () => {
    const r = await request({ text: englishBody(), rawHeaders: [authPass] });
    expect(r.checks.sender_domain_known).toBe(true);
    expect(r.checks.authentication).toBe('pass');
  });

  it('fails a lookalike domain whose authentication fails', async () => {
    const r = await request({
      from: 'Helen Davies <head@stteilos-demo.org.uk.mail-secure.example>',
      text: englishBody(),
      rawHeaders: [authFail],
    });
    expect(r.outcome).toBe('created');
    expect(r.checks.sender_domain_known).toBe(false);
    expect(r.checks.authentication).toBe('fail');
    const again = await request({
      from: 'head@stteilos-dem0.org.uk',
      text: englishBody(),
      messageId: '<b@x>',
    });
    expect(again.checks.sender_domain_known).toBe(false);
  });

  it('ignores an Authentication-Results header from anyone but our border MTA', async () => {
    const forged = 'Authentication-Results: mx.google.com; spf=pass; dkim=pass; dmarc=pass';
    const r = await request({ text: englishBody(), rawHeaders: [forged] });
    expect(r.checks.authentication).toBe('none');
  });

  it('reads only the topmost header: one of ours further down was written by the sender', async () => {
    const forged = 'Authentication-Results: mx.cymorth.localhost; dmarc=pass';
    const r = await request({ text: englishBody(), rawHeaders: [authFail, forged] });
    expect(r.checks.authentication).toBe('fail');
    const hidden = await request({
      text: englishBody(),
      messageId: '<hidden@x>',
      rawHeaders: ['Authentication-Results: relay.example; none', forged],
    });
    expect(hidden.checks.authentication).toBe('none');
  });

  it('fails new_email_unused when the address is an account at another centre', async () => {
    const r = await request({ text: englishBody({ email: 'athro@ysgolgwyr.cymru' }) });
    expect(r.checks.new_email_unused).toBe(false);
    const ok = await request({
      text: englishBody({ email: 'office@stteilos-demo.org.uk' }),
      messageId: '<o@x>',
    });
    expect(ok.checks.new_email_unused).toBe(true);
  });

  it('names a malformed email as missing', async () => {
    const r = await request({ text: englishBody({ email: 'joanne at stteilos' }) });
    expect(r.missing).toEqual(['new_eo_email']);
    expect(r.checks.new_email_unused).toBe(false);
  });
});
