/**
 * What a command answers, before any platform draws it: Block Kit for Slack, an Adaptive Card for
 * Teams, plain text for the command line. Strings are already in the reader's language.
 */
export type ChatAction = 'claim' | 'approve' | 'reject' | 'request_info';

export interface Reply {
  title: string;
  text?: string;
  fields?: { label: string; value: string }[];
  items?: { title: string; text: string }[];
  buttons?: { action: ChatAction; label: string; value: string; style?: 'primary' | 'danger' }[];
  /** Where to see more: the request or centre in the API, for platforms whose buttons can only open links. */
  link?: { label: string; url: string };
  tone?: 'error' | 'ok';
}
