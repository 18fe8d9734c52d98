import type { Principal } from '../auth/principal.js';
import type { AccountRow } from '../db/schema/index.js';
import type { AppEnv } from '../http/env.js';
import type { Language, T } from '../i18n/index.js';
import type { WebSession } from './auth/sessions.js';

/** What every page knows about its visitor, set once per request by `webState` (state.ts). */
export interface WebState {
  lang: Language;
  t: T;
  /** The token every form of this page carries: the session's, or the signed-out visitor's cookie. */
  csrf: string;
  session?: WebSession;
  account?: AccountRow & { centreNumber: string | null; centreName: string | null };
  /** Set only for a fully signed-in session: the same principal the API's services take. */
  principal?: Principal;
  /** The path and query of this page, for the language switch to come back to. */
  here: string;
  /** The organisation's name in the page's language (ORG_NAME_EN, ORG_NAME_CY). */
  org: string;
}

export interface WebEnv {
  Variables: AppEnv['Variables'] & { web: WebState };
}
