import type { T } from '../../i18n/index.js';
import type { MailLanguage } from '../../mail/outbox.js';
import { REJECTION_REASONS, REQUESTABLE_ITEMS } from '../../queue/rules.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function textInput(id: string, label: string, multiline = true) {
  return {
    type: 'input',
    block_id: id,
    optional: true,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: id, multiline },
  };
}

/** The text boxes for the languages the centre's mail is in: a Welsh-only centre is never asked for English. */
function languageInputs(t: T, mail: MailLanguage, base: 'reason' | 'notes') {
  const langs = mail === 'bilingual' ? (['cy', 'en'] as const) : ([mail] as const);
  return [
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: t(`chat:modal.language_hint_${mail === 'bilingual' ? 'bilingual' : 'cy'}`) },
      ],
    },
    ...langs.map((l) => textInput(`${base}_${l}`, t(`chat:modal.${base}_${l}`))),
  ];
}

/** The frame both modals share: the reference rides in private_metadata to the submission. */
function modal<B>(t: T, callbackId: string, title: string, reference: string, blocks: B[]) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    private_metadata: reference,
    // Slack cuts a modal's title at 24 characters.
    title: plain(title.slice(0, 24)),
    submit: plain(t('chat:modal.submit')),
    close: plain(t('chat:modal.cancel')),
    blocks,
  };
}

/** Reject: a standard reason (worded by cymorth in both languages) or one's own words in each language needed. */
export function rejectModal(t: T, reference: string, mail: MailLanguage) {
  return modal(t, 'reject_modal', t('chat:modal.reject_title', { reference }), reference, [
    {
      type: 'input',
      block_id: 'reason_code',
      optional: true,
      label: plain(t('chat:modal.reason_code')),
      element: {
        type: 'static_select',
        action_id: 'reason_code',
        options: REJECTION_REASONS.map((code) => ({ text: plain(t(`chat:reasons.${code}`)), value: code })),
      },
    },
    ...languageInputs(t, mail, 'reason'),
    ...languageInputs(t, mail, 'notes').slice(1),
  ]);
}

/** Ask for more: which items, and an optional note in each language needed. */
export function requestInfoModal(t: T, reference: string, mail: MailLanguage) {
  return modal(t, 'request_info_modal', t('chat:modal.info_title', { reference }), reference, [
    {
      type: 'input',
      block_id: 'items',
      optional: true,
      label: plain(t('chat:modal.items')),
      element: {
        type: 'checkboxes',
        action_id: 'items',
        options: REQUESTABLE_ITEMS.map((item) => ({
          text: plain(t(`queue:fields.${item}`).slice(0, 75)),
          value: item,
        })),
      },
    },
    ...languageInputs(t, mail, 'notes'),
  ]);
}

type ViewState = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
    }
  >
>;

/** The values a submitted modal holds, by block id: text, a selected option, or several. */
export function viewValues(state: ViewState) {
  const out: Record<string, string | string[]> = {};
  for (const [block, actions] of Object.entries(state))
    for (const a of Object.values(actions)) {
      if (a.selected_options) out[block] = a.selected_options.map((o) => o.value);
      else if (a.selected_option) out[block] = a.selected_option.value;
      else if (a.value?.trim()) out[block] = a.value.trim();
    }
  return out;
}
