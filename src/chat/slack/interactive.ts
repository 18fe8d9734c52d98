import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { translator } from '../../i18n/index.js';
import { requestDetail } from '../../queue/read.js';
import { rejectRequest } from '../../queue/reject.js';
import { requestInfo } from '../../queue/request-info.js';
import type { RejectionReason, RequestableItem } from '../../queue/rules.js';
import { errorReply, runCommand } from '../core/run.js';
import { refusal } from '../identity.js';
import { renderSlack } from '../render/slack.js';
import { homeView } from './home.js';
import { rejectModal, requestInfoModal, viewValues } from './modals.js';
import { whoIs } from './who.js';

/** Runs a button's command and answers the clicker privately; the triage card updates through the outbox. */
async function clicked(
  ctx: AppContext,
  p: Principal,
  text: string,
  respond: (m: object) => Promise<unknown>,
) {
  const reply = await runCommand(ctx, p, text);
  await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(reply) });
}

type SubmitErrors = Record<string, string>;

/** A modal's validation refusal, shown beside the fields Slack can point at. */
function fieldErrors(p: Principal, err: DomainError): SubmitErrors {
  const reply = errorReply(translator(p.language), err);
  const errors: SubmitErrors = {};
  for (const d of err.details) if (d.field) errors[d.field] = reply.text ?? reply.title;
  if (Object.keys(errors).length === 0) errors.reason_code = reply.title;
  return errors;
}

/** The buttons (`claim`, `approve`, `reject`, `request_info`), the two modals' submissions and App Home. */
export function listenForInteraction(app: App, ctx: AppContext) {
  for (const action of ['claim', 'approve'] as const)
    app.action(action, async ({ ack, body, client, respond, action: a }) => {
      await ack();
      const p = await whoIs(ctx, client, body.user.id);
      if (!p)
        return void (await respond({ response_type: 'ephemeral', replace_original: false, text: refusal() }));
      await clicked(ctx, p, `${action} ${'value' in a ? a.value : ''}`, respond);
    });

  for (const [action, modal] of [
    ['reject', rejectModal],
    ['request_info', requestInfoModal],
  ] as const)
    app.action(action, async ({ ack, body, client, respond, action: a }) => {
      await ack();
      const p = await whoIs(ctx, client, body.user.id);
      if (!p)
        return void (await respond({ response_type: 'ephemeral', replace_original: false, text: refusal() }));
      const reference = 'value' in a ? String(a.value) : '';
      try {
        const r = await requestDetail(ctx, reference);
        const triggerId = 'trigger_id' in body ? String(body.trigger_id) : '';
        await client.views.open({
          trigger_id: triggerId,
          view: modal(translator(p.language), r.reference, r.mail_language),
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...renderSlack(errorReply(translator(p.language), err)),
        });
      }
    });

  // A modal's submission: done closes it; a refusal is shown beside the fields it names.
  const submission =
    (
      firstBlock: string,
      act: (p: Principal, reference: string, v: Record<string, string | string[]>) => Promise<unknown>,
    ) =>
    async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
      const p = await whoIs(ctx, client, body.user.id);
      if (!p) return void (await ack({ response_action: 'errors', errors: { [firstBlock]: refusal() } }));
      try {
        await act(p, view.private_metadata, viewValues(view.state.values as never));
        await ack();
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await ack({ response_action: 'errors', errors: fieldErrors(p, err) });
      }
    };
  const text = (v: Record<string, string | string[]>, k: string) => v[k] as string | undefined;

  app.view(
    'reject_modal',
    submission('reason_code', (p, reference, v) =>
      rejectRequest(ctx, p, reference, {
        reason_code: text(v, 'reason_code') as RejectionReason | undefined,
        reason_cy: text(v, 'reason_cy'),
        reason_en: text(v, 'reason_en'),
        notes_cy: text(v, 'notes_cy'),
        notes_en: text(v, 'notes_en'),
      }),
    ),
  );
  app.view(
    'request_info_modal',
    submission('items', (p, reference, v) =>
      requestInfo(ctx, p, reference, {
        items: v.items as RequestableItem[] | undefined,
        notes_cy: text(v, 'notes_cy'),
        notes_en: text(v, 'notes_en'),
      }),
    ),
  );

  app.event('app_home_opened', async ({ event, client }) => {
    const p = await whoIs(ctx, client, event.user);
    await client.views.publish({ user_id: event.user, view: await homeView(ctx, p) });
  });
}
