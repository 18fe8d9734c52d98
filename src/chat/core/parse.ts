import { distance } from 'fastest-levenshtein';
import {
  COMMAND_WORDS,
  type CommandName,
  HELPLINE_SUBJECTS,
  type HelplineSubject,
  QUEUE_FILTERS,
  type QueueFilter,
} from './words.js';

export type Command =
  | { name: 'centre'; query: string }
  | { name: 'queue'; filter: QueueFilter }
  | { name: 'request' | 'claim' | 'release' | 'approve'; reference: string }
  | { name: 'reject'; reference: string; reason: string }
  | { name: 'marks'; centre: string; unit?: string }
  | { name: 'helpline'; subject?: HelplineSubject }
  | { name: 'lang'; language: 'cy' | 'en' }
  | { name: 'help' };

export type ParseError =
  | { error: 'unknown_command'; word: string; suggestion?: string }
  | { error: 'missing_argument'; command: CommandName; argument: string }
  | { error: 'bad_argument'; command: CommandName; argument: string; value: string; allowed: string[] };

export type Parsed = { ok: true; command: Command } | ({ ok: false } & ParseError);

const ALL_WORDS = Object.entries(COMMAND_WORDS).flatMap(([name, words]) =>
  words.map((word) => ({ word, name: name as CommandName })),
);

/** The command word nearest a typo, if it is near enough to be what was meant. */
function nearest(word: string): string | undefined {
  let best: { word: string; d: number } | undefined;
  for (const w of ALL_WORDS) {
    const d = distance(word, w.word);
    if (!best || d < best.d) best = { word: w.word, d };
  }
  return best && best.d <= Math.max(1, Math.floor(best.word.length / 3)) ? best.word : undefined;
}

const fail = (e: ParseError): Parsed => ({ ok: false, ...e });
const ok = (command: Command): Parsed => ({ ok: true, command });

function queueFilter(word: string | undefined): QueueFilter | undefined {
  if (!word) return 'open';
  const hit = Object.entries(QUEUE_FILTERS).find(([, words]) => (words as readonly string[]).includes(word));
  return hit?.[0] as QueueFilter | undefined;
}

/** The words after the command, for the command. */
function withArguments(name: CommandName, args: string[], rest: string): Parsed {
  const first = args[0]?.toLowerCase();
  switch (name) {
    case 'help':
      return ok({ name });
    case 'queue': {
      const filter = queueFilter(first);
      if (filter) return ok({ name, filter });
      const allowed = ['mine', 'overdue', 'all', 'fy-rhai', 'hwyr', 'y-cyfan'];
      return fail({
        error: 'bad_argument',
        command: name,
        argument: 'filter',
        value: args[0] ?? '',
        allowed,
      });
    }
    case 'lang':
      if (first === 'cy' || first === 'en') return ok({ name, language: first });
      return fail({
        error: 'bad_argument',
        command: name,
        argument: 'language',
        value: args[0] ?? '',
        allowed: ['cy', 'en'],
      });
    case 'helpline': {
      if (!first) return ok({ name });
      const subject = HELPLINE_SUBJECTS.find((s) => s === first);
      if (subject) return ok({ name, subject });
      return fail({
        error: 'bad_argument',
        command: name,
        argument: 'subject',
        value: args[0] ?? '',
        allowed: [...HELPLINE_SUBJECTS],
      });
    }
    case 'centre':
      return rest
        ? ok({ name, query: rest })
        : fail({ error: 'missing_argument', command: name, argument: 'centre' });
    case 'marks':
      if (!first) return fail({ error: 'missing_argument', command: name, argument: 'centre' });
      return ok({ name, centre: args[0] as string, ...(args[1] ? { unit: args.slice(1).join(' ') } : {}) });
    case 'reject': {
      if (!first) return fail({ error: 'missing_argument', command: name, argument: 'reference' });
      const reason = rest.slice((args[0] as string).length).trim();
      if (!reason) return fail({ error: 'missing_argument', command: name, argument: 'reason' });
      return ok({ name, reference: args[0] as string, reason });
    }
    default:
      if (!first) return fail({ error: 'missing_argument', command: name, argument: 'reference' });
      // A reference read aloud may come in parts: "eo 2026 42".
      return ok({ name, reference: args.join(' ') });
  }
}

/** Text as typed in chat or at the command line, to a command; a typo gets the nearest command word. */
export function parseCommand(text: string): Parsed {
  const trimmed = text.replace(/<@[^>]+>|<at>[^<]*<\/at>/g, ' ').trim();
  const [head = '', ...args] = trimmed.split(/\s+/).filter(Boolean);
  const word = head.toLowerCase();
  if (!word) return ok({ name: 'help' });
  const hit = ALL_WORDS.find((w) => w.word === word);
  if (!hit) return fail({ error: 'unknown_command', word: head, suggestion: nearest(word) });
  return withArguments(hit.name, args, trimmed.slice(head.length).trim());
}
