/** A seeded stream of numbers in [0, 1): the same seed gives the same mailbox and the same kill moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoCentre {
  number: string;
  name: string;
  domain: string;
  head: string;
  headEmail: string;
}

/** The demo centres (src/db/demo.ts) as their senders would write. */
export const DEMO_CENTRES: DemoCentre[] = [
  {
    number: '68123',
    name: 'Ysgol Gyfun Gŵyr',
    domain: 'ysgolgwyr.cymru',
    head: 'Dr Eleri Morgan',
    headEmail: 'pennaeth@ysgolgwyr.cymru',
  },
  {
    number: '68201',
    name: 'Coleg Gŵyr Abertawe',
    domain: 'colegdemo.ac.uk',
    head: 'Mark Jones',
    headEmail: 'principal@colegdemo.ac.uk',
  },
  {
    number: '68345',
    name: 'Ysgol Bro Dinefwr',
    domain: 'brodinefwr.cymru',
    head: 'Rhodri Thomas',
    headEmail: 'pennaeth@brodinefwr.cymru',
  },
  {
    number: '66410',
    name: "St Teilo's High School",
    domain: 'stteilos-demo.org.uk',
    head: 'Helen Davies',
    headEmail: 'head@stteilos-demo.org.uk',
  },
  {
    number: '67002',
    name: 'Ysgol y Preseli',
    domain: 'preseli-demo.cymru',
    head: 'Non Hughes',
    headEmail: 'pennaeth@preseli-demo.cymru',
  },
];

type MixKind = 'request' | 'follow_up' | 'auto_reply' | 'bulk' | 'not_eo_change' | 'redelivery';

export interface MixMessage {
  kind: MixKind;
  messageId: string;
  raw: string;
}

const GIVEN = ['Joanne', 'Rhian', 'Gareth', 'Ceri', 'Owain', 'Megan', 'Iestyn', 'Sioned', 'Tomos', 'Elin'];
const FAMILY = ['Price', 'Jenkins', 'Pritchard', 'Lloyd', 'Griffiths', 'Parry', 'Rees', 'Bowen'];

const encodeWord = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

function message(opts: {
  from: string;
  subject: string;
  messageId: string;
  body: string;
  headers?: string[];
  pdf?: Uint8Array;
}): string {
  const head = [
    `From: ${opts.from}`,
    'To: centres@cymorth.localhost',
    `Subject: ${encodeWord(opts.subject)}`,
    `Message-ID: ${opts.messageId}`,
    `Date: ${new Date('2026-11-23T08:00:00Z').toUTCString()}`,
    'MIME-Version: 1.0',
    ...(opts.headers ?? []),
  ];
  const text = opts.body.replace(/\n/g, '\r\n');
  if (!opts.pdf) {
    return [
      ...head,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      '',
    ].join('\r\n');
  }
  const boundary = `mix-${opts.messageId.replace(/[^a-z0-9]/gi, '')}`;
  const pdf = (
    Buffer.from(opts.pdf)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    `--${boundary}`,
    'Content-Type: application/pdf; name="letterhead.pdf"',
    'Content-Disposition: attachment; filename="letterhead.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

function requestBody(
  welsh: boolean,
  c: DemoCentre,
  eo: { name: string; email: string },
  leaveOut: 'centre_number' | 'new_eo_email' | null,
) {
  const lines = welsh
    ? [
        'Annwyl dîm cymorth,',
        '',
        'Mae gennym Swyddog Arholiadau newydd. Dyma’r manylion:',
        '',
        `Enw'r Swyddog Arholiadau newydd: ${eo.name}`,
        leaveOut === 'new_eo_email' ? null : `E-bost y Swyddog Arholiadau newydd: ${eo.email}`,
        `Enw'r ganolfan: ${c.name}`,
        leaveOut === 'centre_number' ? null : `Rhif y ganolfan: ${c.number}`,
        '',
        'Diolch yn fawr,',
        c.head,
        'Pennaeth',
      ]
    : [
        'Dear centre support team,',
        '',
        'Please change our Exams Officer. The details are below.',
        '',
        `New Exams Officer name: ${eo.name}`,
        leaveOut === 'new_eo_email' ? null : `New Exams Officer email: ${eo.email}`,
        `Centre name: ${c.name}`,
        leaveOut === 'centre_number' ? null : `Centre number: ${c.number}`,
        '',
        'Kind regards,',
        c.head,
        'Headteacher',
      ];
  return lines.filter((l) => l !== null).join('\n');
}

/**
 * A centres@ mailbox as it really fills up: change-of-EO requests from the demo centres in Welsh and
 * English (some with a PDF letterhead, some missing a field), follow-ups threaded under an earlier
 * request, out-of-office replies, newsletters, ordinary questions, and a few messages delivered twice.
 */
export function mailMix(count: number, seed: number, letterhead: Uint8Array): MixMessage[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: MixMessage[] = [];
  const open: {
    centre: DemoCentre;
    welsh: boolean;
    messageId: string;
    missing: 'centre_number' | 'new_eo_email';
  }[] = [];
  for (let i = 0; out.length < count; i++) {
    const id = `<mix-${seed}-${i}@mail.test>`;
    const roll = rnd();
    const centre = pick(DEMO_CENTRES);
    const welsh = rnd() < 0.5;
    if (roll < 0.45) {
      const eo = { name: `${pick(GIVEN)} ${pick(FAMILY)}`, email: `eo${i}@${centre.domain}` };
      const leaveOut = rnd() < 0.3 ? pick(['centre_number', 'new_eo_email'] as const) : null;
      const subject = welsh ? 'Newid Swyddog Arholiadau' : 'Change of Exams Officer';
      out.push({
        kind: 'request',
        messageId: id,
        raw: message({
          from: `${centre.head} <${centre.headEmail}>`,
          subject: `${subject} - ${centre.number}`,
          messageId: id,
          body: requestBody(welsh, centre, eo, leaveOut),
          pdf: rnd() < 0.25 ? letterhead : undefined,
        }),
      });
      if (leaveOut) open.push({ centre, welsh, messageId: id, missing: leaveOut });
    } else if (roll < 0.6 && open.length > 0) {
      const earlier = open.splice(Math.floor(rnd() * open.length), 1)[0];
      if (!earlier) continue;
      const c = earlier.centre;
      const answer =
        earlier.missing === 'centre_number'
          ? earlier.welsh
            ? `Rhif y ganolfan: ${c.number}`
            : `Centre number: ${c.number}`
          : earlier.welsh
            ? `E-bost y Swyddog Arholiadau newydd: eo${i}@${c.domain}`
            : `New Exams Officer email: eo${i}@${c.domain}`;
      out.push({
        kind: 'follow_up',
        messageId: id,
        raw: message({
          from: `${c.head} <${c.headEmail}>`,
          subject: earlier.welsh ? 'Ateb: Newid Swyddog Arholiadau' : 'Re: Change of Exams Officer',
          messageId: id,
          body: `${answer}\n\n${c.head}`,
          headers: [`In-Reply-To: ${earlier.messageId}`, `References: ${earlier.messageId}`],
        }),
      });
    } else if (roll < 0.72) {
      out.push({
        kind: 'auto_reply',
        messageId: id,
        raw: message({
          from: `Swyddfa <swyddfa@${centre.domain}>`,
          subject: welsh ? "Allan o'r swyddfa" : 'Out of office',
          messageId: id,
          body: welsh ? 'Rydw i allan o’r swyddfa tan ddydd Llun.' : 'I am out of the office until Monday.',
          headers: ['Auto-Submitted: auto-replied'],
        }),
      });
    } else if (roll < 0.84) {
      out.push({
        kind: 'bulk',
        messageId: id,
        raw: message({
          from: 'Newyddion Addysg <newyddion@addysg-news.test>',
          subject: `Cylchlythyr ${i} / Newsletter ${i}`,
          messageId: id,
          body: 'Newyddion yr wythnos. This week in education news.',
          headers: ['Precedence: bulk', 'List-Unsubscribe: <mailto:unsubscribe@addysg-news.test>'],
        }),
      });
    } else if (roll < 0.95 || out.length === 0) {
      out.push({
        kind: 'not_eo_change',
        messageId: id,
        raw: message({
          from: `${centre.head} <${centre.headEmail}>`,
          subject: welsh ? 'Cwestiwn am ddyddiad y canlyniadau' : 'Question about results day',
          messageId: id,
          body: welsh
            ? 'Pryd fydd y canlyniadau ar gael i’r disgyblion eleni?'
            : 'When will results be available to students this year?',
        }),
      });
    } else {
      const again = pick(out);
      out.push({ kind: 'redelivery', messageId: again.messageId, raw: again.raw });
    }
  }
  return out;
}
