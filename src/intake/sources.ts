import type { AppContext } from '../context.js';
import { oauth2Tokens } from '../mail/oauth2.js';
import { startDropFolder } from './drop-folder.js';
import { ingest } from './pipeline.js';

export interface Intake {
  source: 'imap' | 'drop_folder';
  /** Finishes the message in flight and lets go of the mailbox or folder. */
  stop(): Promise<void>;
}

/** The one intake loop per database: the IMAP mailbox when IMAP_URL is set, otherwise the drop folder. */
export function startIntake(ctx: AppContext): Intake {
  const { IMAP_URL, IMAP_DONE_FOLDER, IMAP_POLL_MS } = ctx.config;
  if (IMAP_URL) {
    // imapflow is loaded only when there is a mailbox to read.
    const reader = import('./imap/reader.js').then(({ startImapReader }) =>
      startImapReader(ctx, {
        url: IMAP_URL,
        doneFolder: IMAP_DONE_FOLDER,
        pollMs: IMAP_POLL_MS,
        ingest,
        tokens:
          ctx.config.IMAP_AUTH === 'oauth2'
            ? oauth2Tokens(ctx.config, decodeURIComponent(new URL(IMAP_URL).username))
            : undefined,
      }),
    );
    return { source: 'imap', stop: async () => (await reader).stop() };
  }
  ctx.logger.info('IMAP_URL is not set: reading .eml files from the drop folder');
  return { source: 'drop_folder', stop: startDropFolder(ctx, {}) };
}
