import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestFields } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { ingestMail, pdfAttachment } from './support/mail.js';

// Messages written the way schools write them, one rule of reading each, in English and in Welsh.
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const lines = (...l: string[]) => l.join('\n');

describe('titles are kept apart from names', () => {
  it.each([
    ['Mrs Joanne Price', 'Mrs', 'Joanne Price'],
    ['Dr. Siân Ellis-Jones', 'Dr', 'Siân Ellis-Jones'],
    ['Mx Alex Rowlands', 'Mx', 'Alex Rowlands'],
    ['Prof Rhian ap Dafydd', 'Prof', 'Rhian ap Dafydd'],
    ['Tom Bevan', null, 'Tom Bevan'],
  ])('reads "%s" as title %s and name %s', async (written, title, name) => {
    const r = await ingestMail(h, {
      from: 'head@stteilos-demo.org.uk',
      subject: 'Change of Exams Officer',
      text: lines(`New Exams Officer name: ${written}`, 'Centre number: 66410'),
    });
    expect(r.fields.new_eo_title).toBe(title);
    expect(r.fields.new_eo_name).toBe(name);
  });

  it('splits the Welsh forms too, and keeps the title as a field of its own with its source', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@preseli-demo.cymru',
      subject: 'Swyddog Arholiadau newydd',
      text: lines(
        'Bore da,',
        '',
        "Y Swyddog Arholiadau newydd fydd Y Parch. Huw Llywelyn, o ddechrau'r tymor.",
        'Rhif y ganolfan: 67002',
      ),
    });
    expect(r.fields.new_eo_title).toBe('Y Parch');
    expect(r.fields.new_eo_name).toBe('Huw Llywelyn');
    const rows = await h.ctx.db.select().from(requestFields).where(eq(requestFields.name, 'new_eo_title'));
    expect(rows.map((f) => [f.value, f.source])).toEqual([['Y Parch', 'free_text']]);
  });
});

describe('a centre named beside its number', () => {
  it.each([
    ["We are St Teilo's High School, centre number 66410.", "St Teilo's High School"],
    ["We're Coleg Gwyr Abertawe, centre 68201, and our head has signed the letter.", 'Coleg Gwyr Abertawe'],
    ['Ysgrifennaf ar ran Coleg Gŵyr Abertawe (68201) ynglŷn â newid.', 'Coleg Gŵyr Abertawe'],
    ['Rhif canolfan Ysgol y Preseli yw 67002.', 'Ysgol y Preseli'],
  ])('reads the name from the prose "%s"', async (sentence, name) => {
    const r = await ingestMail(h, {
      subject: 'Exams officer',
      text: lines('Hello,', '', sentence, 'Our new exams officer will be Tom Bevan.'),
    });
    expect(r.fields.centre_name).toBe(name);
    expect(r.checks.centre_name_matches).toBe(true);
  });

  it.each([
    ["Centre: St Teilo's High School, 66410", "St Teilo's High School", '66410'],
    ['Canolfan: Ysgol y Preseli (67002)', 'Ysgol y Preseli', '67002'],
    ['Ysgol y Preseli, 67002', 'Ysgol y Preseli', '67002'],
    ['Coleg Gŵyr Abertawe (68201)', 'Coleg Gŵyr Abertawe', '68201'],
  ])('reads both from the line "%s"', async (line, name, number) => {
    const r = await ingestMail(h, {
      subject: 'New EO',
      text: lines('New Exams Officer name: Tom Bevan', line),
    });
    expect(r.fields.centre_name).toBe(name);
    expect(r.fields.centre_number).toBe(number);
  });

  it('takes no person or telephone number for a centre', async () => {
    const r = await ingestMail(h, {
      subject: 'Exams officer',
      text: lines(
        'Our new exams officer will be Tom Bevan.',
        'Tom Bevan, 01792 456789',
        'Helen Davies (12345)',
      ),
    });
    expect(r.fields.centre_name).toBeNull();
  });
});

describe("a letter's letterhead", () => {
  it('names the centre by its first line, but never by a greeting', async () => {
    const letter = (top: string) =>
      pdfAttachment([
        top,
        'Our new Exams Officer will be Tom Bevan.',
        'Yours sincerely,',
        'Non Hughes',
        'Pennaeth',
      ]);
    const named = await ingestMail(h, {
      subject: 'Letter',
      text: 'Attached.',
      attachments: [await letter('Ysgol y Preseli')],
    });
    expect(named.fields.centre_name).toBe('Ysgol y Preseli');
    const greeted = await ingestMail(h, {
      subject: 'Letter',
      text: 'Attached.',
      messageId: '<greeting@preseli-demo.cymru>',
      attachments: [await letter('Dear Centre Support Team')],
    });
    expect(greeted.fields.centre_name).toBeNull();
  });
});

describe('signatories on one line', () => {
  it.each([
    ['Fiona Baker (Headteacher)', 'Fiona Baker, Headteacher'],
    ['Fiona Baker, Headteacher', 'Fiona Baker, Headteacher'],
    ['Fiona Baker | Deputy Head', 'Fiona Baker, Deputy Head'],
    ['Non Hughes (Pennaeth)', 'Non Hughes, Pennaeth'],
    ['Non Hughes – Dirprwy Bennaeth', 'Non Hughes, Dirprwy Bennaeth'],
  ])('reads "%s" after the closing as a name and a role', async (signer, expected) => {
    const r = await ingestMail(h, {
      subject: 'Change of Exams Officer',
      text: lines(
        'Our new exams officer will be Tom Bevan.',
        '',
        'Yours sincerely,',
        '',
        signer,
        'Ysgol y Preseli',
      ),
    });
    expect(r.fields.signatory).toBe(expected);
    expect(r.checks.signatory_matches).toBe(true);
  });

  it('never writes "Sharon, Sharon Clarke" for a first-name sign-off above the full name', async () => {
    const r = await ingestMail(h, {
      from: 'office@stteilos-demo.org.uk',
      subject: 'Change of Exams Officer',
      text: lines(
        'Our new exams officer will be Tom Bevan.',
        '',
        'Thanks,',
        'Sharon',
        'Sharon Clarke',
        'Office Manager',
      ),
    });
    expect(r.fields.signatory).toBe('Sharon Clarke, Office Manager');
  });
});

describe('whose signature', () => {
  const headsLetter = () =>
    pdfAttachment([
      "St Teilo's High School",
      'Dear Centre Support Team,',
      'Our new Exams Officer will be Mrs Amy Clarke.',
      'amy.clarke@stteilos-demo.org.uk',
      'Yours sincerely,',
      'Helen Davies',
      'Headteacher',
    ]);

  it("takes the letter's signatory, not the office manager's sign-off on the covering mail", async () => {
    const r = await ingestMail(h, {
      from: 'Sharon Clarke <office@stteilos-demo.org.uk>',
      subject: 'Change of Exams Officer - 66410',
      text: lines(
        'Hi,',
        '',
        'Please find attached a letter from our Head.',
        '',
        'Kind regards,',
        'Sharon',
        'Sharon Clarke',
      ),
      attachments: [await headsLetter()],
    });
    expect(r.fields.signatory).toBe('Helen Davies, Headteacher');
    expect(r.checks.signatory_matches).toBe(true);
    const rows = await h.ctx.db.select().from(requestFields).where(eq(requestFields.name, 'signatory'));
    expect(rows.map((f) => f.source)).toEqual(['pdf']);
  });

  it("keeps the letter's signatory when a later reply is signed off by someone else", async () => {
    const first = await ingestMail(h, {
      subject: 'Change of Exams Officer - 66410',
      text: 'Letter attached.',
      messageId: '<letter@stteilos-demo.org.uk>',
      attachments: [await headsLetter()],
    });
    const later = await ingestMail(h, {
      from: 'office@stteilos-demo.org.uk',
      subject: `Re: ${first.reference}`,
      references: ['<letter@stteilos-demo.org.uk>'],
      text: lines(
        'Our centre name is St Teilo’s High School.',
        '',
        'Diolch,',
        'Sharon Clarke',
        'Office Manager',
      ),
    });
    expect(later.outcome).toBe('joined');
    expect(later.fields.signatory).toBe('Helen Davies, Headteacher');
  });

  it('takes a Welsh letter over a Welsh covering note', async () => {
    const r = await ingestMail(h, {
      from: 'swyddfa@ysgolgwyr.cymru',
      subject: 'Newid Swyddog Arholiadau 68123',
      text: lines(
        'Prynhawn da,',
        '',
        'Mae llythyr y Pennaeth ynghlwm.',
        '',
        'Cofion,',
        'Mair',
        'Mair Jenkins',
      ),
      attachments: [
        await pdfAttachment([
          'Ysgol Gyfun Gŵyr',
          'Y Swyddog Arholiadau newydd fydd Gwenllian Ŵyn.',
          'Yn gywir,',
          'Dr Eleri Morgan',
          'Pennaeth',
        ]),
      ],
    });
    expect(r.fields.signatory).toBe('Dr Eleri Morgan, Pennaeth');
    expect(r.language).toBe('cy');
  });
});

describe("the new Exams Officer's address, not the writer's", () => {
  it('takes the address under the new EO in the letter, not the outgoing EO’s own', async () => {
    const r = await ingestMail(h, {
      from: 'Joanne Price <j.price@stteilos-demo.org.uk>',
      subject: 'Exams officer handover',
      text: lines(
        'Dear all,',
        '',
        'I leave at Christmas and my replacement will be Ms Amy Clarke; the Head’s letter is attached.',
        '',
        'Best wishes,',
        'Joanne Price',
        'Exams Officer',
        'Email: j.price@stteilos-demo.org.uk',
      ),
      attachments: [
        await pdfAttachment([
          'Our new Exams Officer is:',
          'Ms Amy Clarke',
          'amy.clarke@stteilos-demo.org.uk',
          'Yours faithfully,',
          'Helen Davies (Headteacher)',
        ]),
      ],
    });
    expect(r.fields.new_eo_name).toBe('Amy Clarke');
    expect(r.fields.new_eo_title).toBe('Ms');
    expect(r.fields.new_eo_email).toBe('amy.clarke@stteilos-demo.org.uk');
    expect(r.fields.signatory).toBe('Helen Davies, Headteacher');
  });

  it('reads prose people write: a replacement, "contact him on", and the centre beside its number', async () => {
    const r = await ingestMail(h, {
      from: 'Sarah Williams <exams@colegdemo.ac.uk>',
      subject: 'Exams Officer',
      text: lines(
        'Hi there,',
        '',
        'Sarah is retiring this summer. Her replacement is Tom Bevan, who has been our deputy for two years; please contact him on t.bevan@colegdemo.ac.uk from now on.',
        "We're Coleg Gwyr Abertawe, centre 68201.",
        '',
        'Regards,',
        'Sarah Williams',
        'exams@colegdemo.ac.uk',
      ),
    });
    expect(r.fields).toMatchObject({
      new_eo_name: 'Tom Bevan',
      new_eo_email: 't.bevan@colegdemo.ac.uk',
      centre_name: 'Coleg Gwyr Abertawe',
      centre_number: '68201',
    });
    expect(r.missing).not.toContain('new_eo_email');
    expect(r.missing).not.toContain('centre_name');
  });

  it('reads the same in Welsh', async () => {
    const r = await ingestMail(h, {
      from: 'Gwenllian Rhys <arholiadau@ysgolgwyr.cymru>',
      subject: 'Swyddog Arholiadau',
      text: lines(
        'Annwyl dîm,',
        '',
        'Rwy’n gadael ddiwedd y tymor. Fy olynydd fydd Owain Prys, a gallwch gysylltu ag ef ar o.prys@ysgolgwyr.cymru.',
        'Rhif canolfan Ysgol Gyfun Gŵyr yw 68123.',
        '',
        'Cofion,',
        'Gwenllian Rhys',
        'arholiadau@ysgolgwyr.cymru',
      ),
    });
    expect(r.fields).toMatchObject({
      new_eo_name: 'Owain Prys',
      new_eo_email: 'o.prys@ysgolgwyr.cymru',
      centre_name: 'Ysgol Gyfun Gŵyr',
      centre_number: '68123',
    });
    expect(r.language).toBe('cy');
  });

  it("takes the writer's own address only when nobody else's is given", async () => {
    const r = await ingestMail(h, {
      from: 'amy.clarke@stteilos-demo.org.uk',
      subject: 'I am the new Exams Officer',
      text: lines(
        'New Exams Officer name: Amy Clarke',
        'Email: amy.clarke@stteilos-demo.org.uk',
        'Centre number: 66410',
      ),
    });
    expect(r.fields.new_eo_email).toBe('amy.clarke@stteilos-demo.org.uk');
  });
});

describe('the language a message is in', () => {
  const bilingual = (welshFirst: boolean) => {
    const cy = lines(
      'Annwyl Dîm Cymorth,',
      '',
      'Mae ein Swyddog Arholiadau yn gadael. Y Swyddog Arholiadau newydd fydd Owain Prys, ac mae ei gyfeiriad e-bost yw o.prys@ysgolgwyr.cymru. Rhif y ganolfan yw 68123.',
    );
    const en = lines(
      'Dear Support Team,',
      '',
      'Our Exams Officer is leaving. The new Exams Officer will be Owain Prys, and his email address is o.prys@ysgolgwyr.cymru. Our centre number is 68123.',
    );
    return welshFirst ? `${cy}\n\n${en}` : `${en}\n\n${cy}`;
  };

  it('answers Welsh-first bilingual mail in Welsh', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@ysgolgwyr.cymru',
      subject: 'Swyddog Arholiadau / Exams Officer',
      text: bilingual(true),
    });
    expect(r.language).toBe('cy');
    expect(r.reply?.language).toBe('cy');
  });

  it('classes English-first bilingual mail as English', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@ysgolgwyr.cymru',
      subject: 'Exams Officer / Swyddog Arholiadau',
      text: bilingual(false),
    });
    expect(r.language).toBe('en');
  });

  it('knows a six-line Welsh request by its labels and words', async () => {
    const r = await ingestMail(h, {
      from: 'pennaeth@preseli-demo.cymru',
      subject: 'SA',
      text: lines(
        'Swyddog Arholiadau newydd: Huw Llywelyn',
        'h.llywelyn@preseli-demo.cymru',
        'Ysgol y Preseli, 67002',
        '',
        'Diolch',
        'Non Hughes',
        'Pennaeth',
      ),
    });
    expect(r.language).toBe('cy');
    expect(r.reply?.language).toBe('cy');
    expect(r.fields.new_eo_name).toBe('Huw Llywelyn');
  });

  it('keeps a short Welsh question Welsh when it is set aside', async () => {
    const r = await ingestMail(h, {
      from: 'swyddfa@ysgolgwyr.cymru',
      subject: 'Cwestiwn',
      text: 'Pryd mae’r canlyniadau?\nDiolch',
    });
    expect(r.outcome).toBe('set_aside');
    expect(r.language).toBe('cy');
  });

  it('keeps an English mail with a Welsh greeting English', async () => {
    const r = await ingestMail(h, {
      from: 'head@stteilos-demo.org.uk',
      subject: 'Question',
      text: lines(
        'Bore da,',
        '',
        'When will the results for our centre be published? We would like to plan the day.',
        '',
        'Diolch,',
        'Helen',
      ),
    });
    expect(r.language).toBe('en');
  });
});
