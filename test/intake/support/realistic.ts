import { eml, pdfAttachment } from './mail.js';

/** Messages as schools write them, each with what a support officer would read from it. */
export interface Realistic {
  name: string;
  raw(): Promise<Uint8Array>;
  expected: Record<string, string | null>;
  language: 'cy' | 'en';
}

const lines = (...l: string[]) => l.join('\n');

export const REALISTIC: Realistic[] = [
  {
    name: 'English prose: a replacement, "contact him on", the centre beside its number',
    raw: () =>
      eml({
        from: 'Sarah Williams <exams@colegdemo.ac.uk>',
        subject: 'Exams Officer',
        messageId: '<realistic-1@colegdemo.ac.uk>',
        text: lines(
          'Hi there,',
          '',
          'I am retiring this summer. My replacement is Mr Tom Bevan; please contact him on t.bevan@colegdemo.ac.uk from now on.',
          "We're Coleg Gwyr Abertawe, centre 68201.",
          '',
          'Regards,',
          'Sarah Williams',
          'exams@colegdemo.ac.uk',
        ),
      }),
    expected: {
      new_eo_title: 'Mr',
      new_eo_name: 'Tom Bevan',
      new_eo_email: 't.bevan@colegdemo.ac.uk',
      centre_name: 'Coleg Gwyr Abertawe',
      centre_number: '68201',
    },
    language: 'en',
  },
  {
    name: "Welsh: the office sends the Head's letter, signed off by the office",
    raw: async () =>
      eml({
        from: 'Mair Jenkins <swyddfa@ysgolgwyr.cymru>',
        subject: 'Newid Swyddog Arholiadau',
        messageId: '<realistic-2@ysgolgwyr.cymru>',
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
            'Ysgol Gyfun Gwyr',
            'Canolfan: Ysgol Gyfun Gwyr, 68123',
            'Y Swyddog Arholiadau newydd fydd Dr Owain Prys.',
            'o.prys@ysgolgwyr.cymru',
            'Yn gywir,',
            'Eleri Morgan (Pennaeth)',
          ]),
        ],
      }),
    expected: {
      new_eo_title: 'Dr',
      new_eo_name: 'Owain Prys',
      new_eo_email: 'o.prys@ysgolgwyr.cymru',
      centre_name: 'Ysgol Gyfun Gwyr',
      centre_number: '68123',
      signatory: 'Eleri Morgan, Pennaeth',
    },
    language: 'cy',
  },
  {
    name: 'Bilingual, Welsh first',
    raw: () =>
      eml({
        from: 'pennaeth@preseli-demo.cymru',
        subject: 'Swyddog Arholiadau newydd / New Exams Officer',
        messageId: '<realistic-3@preseli-demo.cymru>',
        text: lines(
          'Annwyl Dîm Cymorth,',
          '',
          'Y Swyddog Arholiadau newydd fydd Huw Llywelyn, a’i gyfeiriad e-bost yw h.llywelyn@preseli-demo.cymru. Rhif canolfan Ysgol y Preseli yw 67002.',
          '',
          'Dear Support Team,',
          '',
          'Our new Exams Officer will be Huw Llywelyn, and his email address is h.llywelyn@preseli-demo.cymru. We are Ysgol y Preseli, centre number 67002.',
          '',
          'Non Hughes | Pennaeth / Headteacher',
        ),
      }),
    expected: {
      new_eo_name: 'Huw Llywelyn',
      new_eo_email: 'h.llywelyn@preseli-demo.cymru',
      centre_name: 'Ysgol y Preseli',
      centre_number: '67002',
    },
    language: 'cy',
  },
  {
    name: 'Short Welsh, six lines',
    raw: () =>
      eml({
        from: 'pennaeth@brodinefwr.cymru',
        subject: 'SA',
        messageId: '<realistic-4@brodinefwr.cymru>',
        text: lines(
          'Swyddog Arholiadau newydd: Catrin Huws',
          'c.huws@brodinefwr.cymru',
          'Ysgol Bro Dinefwr, 68345',
          '',
          'Diolch',
          'Rhodri Thomas',
          'Pennaeth',
        ),
      }),
    expected: {
      new_eo_name: 'Catrin Huws',
      new_eo_email: 'c.huws@brodinefwr.cymru',
      centre_name: 'Ysgol Bro Dinefwr',
      centre_number: '68345',
      signatory: 'Rhodri Thomas, Pennaeth',
    },
    language: 'cy',
  },
];
