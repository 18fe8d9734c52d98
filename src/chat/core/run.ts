import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { type T, translator } from '../../i18n/index.js';
import {
  centreReply,
  type Env,
  helplineReply,
  helpReply,
  langReply,
  queueReply,
  rejectReply,
  requestAction,
} from './handlers.js';
import { marksReply } from './marks.js';
import { type Command, type Parsed, parseCommand } from './parse.js';
import type { Reply } from './reply.js';

/** A refusal or a mistake, in the reader's language, with each detail a validation named. */
export function errorReply(t: T, err: DomainError): Reply {
  const details = err.details.map(
    (d) =>
      `${d.field ? `${d.field}: ` : ''}${d.message ?? t(`validation:${d.code}`, { ...d.params, defaultValue: t('validation:invalid') })}`,
  );
  return {
    title: t(`errors:${err.code}`, err.params),
    ...(details.length ? { text: details.join('\n') } : {}),
    tone: 'error',
  };
}

function parseErrorReply(t: T, parsed: Exclude<Parsed, { ok: true }>): Reply {
  if (parsed.error === 'unknown_command')
    return {
      title: t('chat:parse.unknown', { word: parsed.word }),
      text: parsed.suggestion
        ? t('chat:parse.did_you_mean', { suggestion: parsed.suggestion })
        : t('chat:parse.try_help'),
      tone: 'error',
    };
  if (parsed.error === 'missing_argument')
    return {
      title: t(`chat:parse.missing.${parsed.argument}`),
      text: t(`chat:help.commands.${parsed.command}`),
      tone: 'error',
    };
  return {
    title: t('chat:parse.bad_argument', { value: parsed.value, allowed: parsed.allowed.join(', ') }),
    tone: 'error',
  };
}

function dispatch(env: Env, command: Command): Promise<Reply> | Reply {
  switch (command.name) {
    case 'help':
      return helpReply(env.t);
    case 'helpline':
      return helplineReply(env.t, env.p.language, command.subject);
    case 'lang':
      return langReply(env, command.language, translator(command.language));
    case 'centre':
      return centreReply(env, command.query);
    case 'queue':
      return queueReply(env, command.filter);
    case 'reject':
      return rejectReply(env, command.reference, command.reason);
    case 'marks':
      return marksReply(env, command.centre, command.unit);
    default:
      return requestAction(env, command.name, command.reference);
  }
}

/**
 * Runs one chat command as `p`, through the same service functions and permissions as the API
 * (helpline staff read only), and answers in p's language. Never throws for what a person typed.
 */
export async function runCommand(ctx: AppContext, p: Principal, text: string): Promise<Reply> {
  const t = translator(p.language);
  const parsed = parseCommand(text);
  if (!parsed.ok) return parseErrorReply(t, parsed);
  const env: Env = { ctx, p, t, publicUrl: ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}` };
  try {
    return await dispatch(env, parsed.command);
  } catch (err) {
    if (err instanceof DomainError) return errorReply(t, err);
    throw err;
  }
}
