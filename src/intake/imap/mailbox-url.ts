export interface MailboxAddress {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  /** The `mailbox_state` key: one account's one folder (the port and password may change freely). */
  stateKey: string;
}

/** Reads `imap://user:pass@host:port/Folder` (or `imaps:`); user and password may be percent-encoded. */
export function parseMailboxUrl(value: string): MailboxAddress {
  const url = new URL(value);
  const secure = url.protocol === 'imaps:';
  if (!secure && url.protocol !== 'imap:') throw new Error(`IMAP_URL must start with imap: or imaps:`);
  const user = decodeURIComponent(url.username);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user,
    pass: decodeURIComponent(url.password),
    mailbox,
    stateKey: `${user}@${url.hostname}/${mailbox}`,
  };
}
