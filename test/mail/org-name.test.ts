import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/mail/delivery.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { linkTokenFor, USERS } from '../access/support.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ ORG_NAME_EN: 'Welsh Exams Board', ORG_NAME_CY: 'Bwrdd Arholiadau Cymru' });
});
afterEach(() => h.close());

describe("the organisation's name is configuration, in both languages", () => {
  it('names it in each language of the mail, and on the page the mail links to', async () => {
    const invited = await h.call('POST', USERS, {
      token: h.tokens.eoCy,
      body: {
        first_name: 'Nia',
        last_name: 'Haf',
        email: 'nia.haf@ysgolgwyr.cymru',
        language: 'cy',
        account_type: 'user',
      },
    });
    expect(invited.status).toBe(201);
    const sent = await deliverDue(h.ctx, { templates: templateFiles() });
    expect(sent.map((o) => o.result)).toEqual(['sent']);
    const [file] = readdirSync(h.outboxDir).filter((n) => n.endsWith('.eml'));
    const mail = await simpleParser(readFileSync(join(h.outboxDir, file as string)));
    expect(mail.text).toContain('wasanaeth cymorth canolfannau Bwrdd Arholiadau Cymru');
    expect(mail.text).toContain('Tîm Cymorth y Canolfannau, Bwrdd Arholiadau Cymru');
    expect(mail.text).not.toMatch(/corff dyfarnu|awarding body/i);

    const token = await linkTokenFor(h, 'nia.haf@ysgolgwyr.cymru');
    const cy = await h.app.request(`/invites/${token}?lang=cy`);
    expect(await cy.text()).toContain('Gwasanaeth cymorth y canolfannau, Bwrdd Arholiadau Cymru');
    const en = await h.app.request(`/invites/${token}?lang=en`);
    expect(await en.text()).toContain('Centre support service, Welsh Exams Board');
  });

  it('leaves no template naming "the awarding body" instead', () => {
    for (const [name, text] of Object.entries(templateFiles()))
      expect([name, /awarding body|corff dyfarnu/i.test(text)]).toEqual([name, false]);
  });
});
