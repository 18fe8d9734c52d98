import type { WebClient } from '@slack/web-api';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { linkChatUser, linkedStaff } from '../identity.js';

/** The staff member behind a Slack user: linked by hand, or the account whose email their Slack profile shows. */
export async function whoIs(ctx: AppContext, client: WebClient, userId: string): Promise<Principal | null> {
  const linked = await linkedStaff(ctx, 'slack', userId);
  if (linked) return linked;
  try {
    const info = await client.users.info({ user: userId });
    const email = info.user?.profile?.email;
    if (!email) return null;
    return await linkChatUser(ctx, { platform: 'slack', externalId: userId, email, via: 'slack_email' });
  } catch (err) {
    if (!(err instanceof DomainError)) ctx.logger.warn({ err, user: userId }, 'slack users.info failed');
    return null;
  }
}
