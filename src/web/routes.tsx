import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_STATUS } from '../errors.js';
import { chooseLanguage, translator } from '../i18n/index.js';
import { SITE_CSS } from './assets.js';
import type { WebEnv, WebState } from './env.js';
import { MARKSHEET_JS } from './marksheet-script.js';
import { MessagePage } from './pages/message.js';
import { render } from './render.js';
import { accountPages } from './routes/account.js';
import { authPages, homeOf } from './routes/auth.js';
import { centrePages } from './routes/centres.js';
import { linkPages } from './routes/links.js';
import { marksPages } from './routes/marks.js';
import { webState } from './state.js';

/** Every path the pages answer; only these look for a session, so the API pays nothing for them. */
const PAGE_PATHS = [
  '/',
  '/language',
  '/sign-in',
  '/sign-in/*',
  '/sign-out',
  '/enrol',
  '/forgot-password',
  '/invites/*',
  '/me',
  '/me/*',
  '/tokens',
  '/tokens/*',
  '/centres',
  '/centres/*',
];

/** A failure on a page is a page, in the visitor's language: never JSON, never a stack. */
function pageError(err: Error, c: Context<WebEnv>) {
  const web: WebState = c.get('web') ?? {
    lang: chooseLanguage({ query: c.req.query('lang'), acceptLanguage: c.req.header('accept-language') }),
    t: translator('en'),
    csrf: '',
    here: '/',
  };
  if (!c.get('web')) web.t = translator(web.lang);
  if (err instanceof DomainError && err.code !== 'internal_error') {
    const status = ERROR_STATUS[err.code] as ContentfulStatusCode;
    const page = (
      <MessagePage
        web={web}
        title={web.t(`web:error.title_${status === 404 ? 'not_found' : 'refused'}`)}
        text={web.t(`errors:${err.code}`, { ...err.params, request_id: c.get('requestId') })}
        link={{ href: '/', text: web.t('web:error.home') }}
      />
    );
    return render(c, page, status);
  }
  c.get('ctx')?.logger.error({ err, request_id: c.get('requestId') }, 'unhandled page error');
  const text = web.t('errors:internal_error', { request_id: c.get('requestId') });
  return render(c, <MessagePage web={web} title={web.t('web:error.title_fault')} text={text} />, 500);
}

/** The pages for people, beside the API: rendered here with Hono's JSX, working without JavaScript. */
export function webPages() {
  const app = new Hono<WebEnv>();
  for (const path of PAGE_PATHS) app.use(path, webState);
  app.get('/assets/site.css', (c) =>
    c.body(SITE_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/assets/marksheet.js', (c) =>
    c.body(MARKSHEET_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
  app.get('/', (c) => {
    const { session, principal } = c.get('web');
    if (principal) return c.redirect(homeOf(c), 303);
    if (session?.stage === 'second_factor') return c.redirect('/sign-in/code', 303);
    if (session?.stage === 'enrol') return c.redirect('/enrol', 303);
    return c.redirect('/sign-in', 303);
  });
  app.route('/', authPages());
  app.route('/', linkPages());
  app.route('/', accountPages());
  app.route('/', centrePages());
  app.route('/', marksPages());
  app.onError(pageError);
  return app;
}
