/** Command words: English and Welsh are both always accepted, whatever language the person reads in. */
export const COMMAND_WORDS = {
  centre: ['centre', 'center', 'canolfan'],
  queue: ['queue', 'ciw'],
  request: ['request', 'cais'],
  claim: ['claim', 'hawlio'],
  release: ['release', 'rhyddhau'],
  approve: ['approve', 'cymeradwyo'],
  reject: ['reject', 'gwrthod'],
  marks: ['marks', 'marciau'],
  helpline: ['helpline', 'llinell-gymorth'],
  lang: ['lang', 'language', 'iaith'],
  help: ['help', 'cymorth'],
} as const;
export type CommandName = keyof typeof COMMAND_WORDS;

export const QUEUE_FILTERS = {
  open: [],
  mine: ['mine', 'fy-rhai', 'fyrhai'],
  overdue: ['overdue', 'hwyr'],
  all: ['all', 'y-cyfan', 'cyfan'],
} as const;
export type QueueFilter = keyof typeof QUEUE_FILTERS;

export const HELPLINE_SUBJECTS = ['gcse', 'gce', 'pathways', 'wbq'] as const;
export type HelplineSubject = (typeof HELPLINE_SUBJECTS)[number];
