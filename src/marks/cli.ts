import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../audit/record.js';
import type { Principal } from '../auth/principal.js';
import { withContext } from '../cli/runtime.js';
import { translator } from '../i18n/index.js';
import { assignModerator } from './admin.js';
import { importEntries, importUnits } from './import.js';
import { getMarksheet, listUnits } from './read.js';

/** The CLI reads marks as the awarding body's operator (a staff admin named `cli` in the audit). */
const OPERATOR: Principal = {
  kind: 'staff',
  staffRole: 'admin',
  accountId: 0,
  email: 'cli',
  language: 'en',
  label: 'cli',
};
const lang = () => (process.env.CYMORTH_LANG === 'cy' ? 'cy' : 'en');
const print = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
const cell = (v: unknown) => (v === null || v === undefined ? '-' : String(v));

const t = () => translator(lang());

function statusLine(u: { status: string; done: number; left: number; submitted: number }) {
  return t()(`marks:status.${u.status}`, { done: u.done, left: u.left, submitted: u.submitted });
}

function registerImports(program: Command) {
  const imports = program.commands.find((c) => c.name() === 'import') ?? program.command('import');
  imports
    .command('units <file>')
    .description('import or update units by series and code from a CSV (all rows or none)')
    .action(async (file: string) => {
      const r = await withContext((ctx) => importUnits(ctx, systemActor('cli import'), readFileSync(file)));
      print([`imported ${r.rows} units: ${r.created} new, ${r.updated} updated`]);
    });
  imports
    .command('entries <file>')
    .description('import processed entries (unit, centre, candidate) from a CSV (all rows or none)')
    .action(async (file: string) => {
      const r = await withContext((ctx) => importEntries(ctx, systemActor('cli import'), readFileSync(file)));
      print([`imported ${r.rows} entries`]);
    });
}

export function registerMarksCommands(program: Command) {
  registerImports(program);
  const marks = program.command('marks').description("a centre's internal assessment marks (IAMIS)");
  marks
    .command('status')
    .requiredOption('--centre <number>', 'centre number')
    .description("each unit's status, as the IAMIS menu shows it")
    .action(async (o: { centre: string }) => {
      const { data } = await withContext((ctx) => listUnits(ctx, OPERATOR, o.centre, lang()));
      print(
        data.length
          ? data.map((u) => `${u.id}\t${u.series} ${u.title} (${u.code})\t${statusLine(u)}`)
          : ['-'],
      );
    });
  marks
    .command('sheet')
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--unit <id>', 'unit id (from `marks status`)')
    .description("a unit's marksheet in candidate number order")
    .action(async (o: { centre: string; unit: string }) => {
      const sheet = await withContext((ctx) =>
        getMarksheet(ctx, OPERATOR, o.centre, Number(o.unit), {
          page: 1,
          per_page: 100_000,
          sort: 'candidate',
          show: 'all',
        }),
      );
      const keys = Object.keys(sheet.data[0]?.marks ?? {});
      print([
        t()('marks:sheet_heading', { components: keys.join('\t') }),
        ...sheet.data.map((r) =>
          [
            r.candidate_number,
            r.name,
            ...keys.map((k) => cell(r.clerical[k] ?? r.marks[k])),
            cell(r.total),
            cell(r.initials),
            t()(r.sample ? 'marks:yes' : 'marks:no'),
          ].join('\t'),
        ),
      ]);
    });
  program
    .command('units')
    .description('units and their moderators')
    .command('assign-moderator')
    .requiredOption('--centre <number>', 'centre number')
    .requiredOption('--unit <id>', 'unit id')
    .requiredOption(
      '--email <email>',
      "the moderator's staff account (`cymorth token create --role moderator`)",
    )
    .action(async (o: { centre: string; unit: string; email: string }) => {
      await withContext((ctx) =>
        assignModerator(ctx, systemActor('cli'), { centre: o.centre, unit: Number(o.unit), email: o.email }),
      );
      print([`${o.email} moderates unit ${o.unit} at ${o.centre}`]);
    });
}
