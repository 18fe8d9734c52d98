import cyAccess from '../../locales/cy/access.json' with { type: 'json' };
import cyCentres from '../../locales/cy/centres.json' with { type: 'json' };
import cyChat from '../../locales/cy/chat.json' with { type: 'json' };
import cyCommon from '../../locales/cy/common.json' with { type: 'json' };
import cyErrors from '../../locales/cy/errors.json' with { type: 'json' };
import cyHub from '../../locales/cy/hub.json' with { type: 'json' };
import cyIntake from '../../locales/cy/intake.json' with { type: 'json' };
import cyMarks from '../../locales/cy/marks.json' with { type: 'json' };
import cyQueue from '../../locales/cy/queue.json' with { type: 'json' };
import cyReports from '../../locales/cy/reports.json' with { type: 'json' };
import cyValidation from '../../locales/cy/validation.json' with { type: 'json' };
import cyWeb from '../../locales/cy/web.json' with { type: 'json' };
import enAccess from '../../locales/en/access.json' with { type: 'json' };
import enCentres from '../../locales/en/centres.json' with { type: 'json' };
import enChat from '../../locales/en/chat.json' with { type: 'json' };
import enCommon from '../../locales/en/common.json' with { type: 'json' };
import enErrors from '../../locales/en/errors.json' with { type: 'json' };
import enHub from '../../locales/en/hub.json' with { type: 'json' };
import enIntake from '../../locales/en/intake.json' with { type: 'json' };
import enMarks from '../../locales/en/marks.json' with { type: 'json' };
import enQueue from '../../locales/en/queue.json' with { type: 'json' };
import enReports from '../../locales/en/reports.json' with { type: 'json' };
import enValidation from '../../locales/en/validation.json' with { type: 'json' };
import enWeb from '../../locales/en/web.json' with { type: 'json' };

/** Imported, not read from disk, so the Workers bundle carries them. One namespace per file. */
export const resources = {
  en: {
    common: enCommon,
    errors: enErrors,
    validation: enValidation,
    centres: enCentres,
    access: enAccess,
    hub: enHub,
    intake: enIntake,
    marks: enMarks,
    queue: enQueue,
    chat: enChat,
    web: enWeb,
    reports: enReports,
  },
  cy: {
    common: cyCommon,
    errors: cyErrors,
    validation: cyValidation,
    centres: cyCentres,
    access: cyAccess,
    hub: cyHub,
    intake: cyIntake,
    marks: cyMarks,
    queue: cyQueue,
    chat: cyChat,
    web: cyWeb,
    reports: cyReports,
  },
};
