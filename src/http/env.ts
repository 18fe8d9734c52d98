import type { Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import type { Language, T } from '../i18n/index.js';

export interface AppEnv {
  Variables: {
    ctx: AppContext;
    requestId: string;
    principal?: Principal;
    lang: Language;
    t: T;
  };
}
