import { loadConfig } from '../../config.js';
import { buildNodeContext } from '../../node-context.js';
import { startIntake } from '../sources.js';

/** Runs the intake alone in this process until SIGTERM or SIGINT, then finishes the message in flight. */
export async function runIntake(env: Record<string, string | undefined>): Promise<void> {
  const { ctx, close } = await buildNodeContext(loadConfig(env));
  const intake = startIntake(ctx);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  ctx.logger.info({ signal }, 'intake stopping: finishing the message in flight');
  await intake.stop();
  await close();
}
