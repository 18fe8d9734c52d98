import pino from 'pino';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { translator } from '../i18n/index.js';
import { buildNodeContext } from '../node-context.js';

/** Opens the database (running migrations) for one CLI command, and always closes it. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const { ctx, close } = await buildNodeContext(config, pino({ level: 'warn' }, pino.destination(2)));
  try {
    return await fn(ctx);
  } finally {
    await close();
  }
}

/** Prints a domain error the way the API words it, in CYMORTH_LANG (default English). */
export function describeError(err: unknown): string {
  if (!(err instanceof DomainError)) return err instanceof Error ? err.message : String(err);
  const t = translator(process.env.CYMORTH_LANG === 'cy' ? 'cy' : 'en');
  const lines = [t(`errors:${err.code}`, { ...err.params, request_id: '-' })];
  for (const d of err.details) {
    const where = [d.row !== undefined ? `row ${d.row}` : '', d.field ?? ''].filter(Boolean).join(' ');
    lines.push(
      `  ${where}: ${d.message ?? t(`validation:${d.code}`, { ...d.params, defaultValue: d.code })}`,
    );
  }
  return lines.join('\n');
}
