/**
 * The mail templates, bundled into the Worker, which has no file system to read `templates/` from
 * (Node reads the folder: template-files.ts). wrangler bundles `.txt` and `.html` imports as text
 * modules; a test checks that this store and the folder hold the same files, word for word.
 */

import cyEoChangeApprovedCentreHtml from '../../templates/cy/eo_change_approved_centre.html';
import cyEoChangeApprovedCentreTxt from '../../templates/cy/eo_change_approved_centre.txt';
import cyEoChangeCompletedHtml from '../../templates/cy/eo_change_completed.html';
import cyEoChangeCompletedTxt from '../../templates/cy/eo_change_completed.txt';
import cyEoChangeIncompleteHtml from '../../templates/cy/eo_change_incomplete.html';
import cyEoChangeIncompleteTxt from '../../templates/cy/eo_change_incomplete.txt';
import cyEoChangeInviteNewEoHtml from '../../templates/cy/eo_change_invite_new_eo.html';
import cyEoChangeInviteNewEoTxt from '../../templates/cy/eo_change_invite_new_eo.txt';
import cyEoChangeNoticeOldEoHtml from '../../templates/cy/eo_change_notice_old_eo.html';
import cyEoChangeNoticeOldEoTxt from '../../templates/cy/eo_change_notice_old_eo.txt';
import cyEoChangeReceivedHtml from '../../templates/cy/eo_change_received.html';
import cyEoChangeReceivedTxt from '../../templates/cy/eo_change_received.txt';
import cyEoChangeRejectedHtml from '../../templates/cy/eo_change_rejected.html';
import cyEoChangeRejectedTxt from '../../templates/cy/eo_change_rejected.txt';
import cyEoChangeRequestInfoHtml from '../../templates/cy/eo_change_request_info.html';
import cyEoChangeRequestInfoTxt from '../../templates/cy/eo_change_request_info.txt';
import cyEoResetHtml from '../../templates/cy/eo_reset.html';
import cyEoResetTxt from '../../templates/cy/eo_reset.txt';
import cyInviteHtml from '../../templates/cy/invite.html';
import cyInviteTxt from '../../templates/cy/invite.txt';
import cyLoginChangedHtml from '../../templates/cy/login_changed.html';
import cyLoginChangedTxt from '../../templates/cy/login_changed.txt';
import cyLoginChangedOldHtml from '../../templates/cy/login_changed_old.html';
import cyLoginChangedOldTxt from '../../templates/cy/login_changed_old.txt';
import cyMarksAmendmentApprovedHtml from '../../templates/cy/marks_amendment_approved.html';
import cyMarksAmendmentApprovedTxt from '../../templates/cy/marks_amendment_approved.txt';
import cyMarksAmendmentRejectedHtml from '../../templates/cy/marks_amendment_rejected.html';
import cyMarksAmendmentRejectedTxt from '../../templates/cy/marks_amendment_rejected.txt';
import cyPasswordResetHtml from '../../templates/cy/password_reset.html';
import cyPasswordResetTxt from '../../templates/cy/password_reset.txt';
import enEoChangeApprovedCentreHtml from '../../templates/en/eo_change_approved_centre.html';
import enEoChangeApprovedCentreTxt from '../../templates/en/eo_change_approved_centre.txt';
import enEoChangeCompletedHtml from '../../templates/en/eo_change_completed.html';
import enEoChangeCompletedTxt from '../../templates/en/eo_change_completed.txt';
import enEoChangeIncompleteHtml from '../../templates/en/eo_change_incomplete.html';
import enEoChangeIncompleteTxt from '../../templates/en/eo_change_incomplete.txt';
import enEoChangeInviteNewEoHtml from '../../templates/en/eo_change_invite_new_eo.html';
import enEoChangeInviteNewEoTxt from '../../templates/en/eo_change_invite_new_eo.txt';
import enEoChangeNoticeOldEoHtml from '../../templates/en/eo_change_notice_old_eo.html';
import enEoChangeNoticeOldEoTxt from '../../templates/en/eo_change_notice_old_eo.txt';
import enEoChangeReceivedHtml from '../../templates/en/eo_change_received.html';
import enEoChangeReceivedTxt from '../../templates/en/eo_change_received.txt';
import enEoChangeRejectedHtml from '../../templates/en/eo_change_rejected.html';
import enEoChangeRejectedTxt from '../../templates/en/eo_change_rejected.txt';
import enEoChangeRequestInfoHtml from '../../templates/en/eo_change_request_info.html';
import enEoChangeRequestInfoTxt from '../../templates/en/eo_change_request_info.txt';
import enEoResetHtml from '../../templates/en/eo_reset.html';
import enEoResetTxt from '../../templates/en/eo_reset.txt';
import enInviteHtml from '../../templates/en/invite.html';
import enInviteTxt from '../../templates/en/invite.txt';
import enLoginChangedHtml from '../../templates/en/login_changed.html';
import enLoginChangedTxt from '../../templates/en/login_changed.txt';
import enLoginChangedOldHtml from '../../templates/en/login_changed_old.html';
import enLoginChangedOldTxt from '../../templates/en/login_changed_old.txt';
import enMarksAmendmentApprovedHtml from '../../templates/en/marks_amendment_approved.html';
import enMarksAmendmentApprovedTxt from '../../templates/en/marks_amendment_approved.txt';
import enMarksAmendmentRejectedHtml from '../../templates/en/marks_amendment_rejected.html';
import enMarksAmendmentRejectedTxt from '../../templates/en/marks_amendment_rejected.txt';
import enPasswordResetHtml from '../../templates/en/password_reset.html';
import enPasswordResetTxt from '../../templates/en/password_reset.txt';
import type { TemplateStore } from './templates.js';

export const workerTemplates: TemplateStore = {
  'cy/password_reset.txt': cyPasswordResetTxt,
  'cy/password_reset.html': cyPasswordResetHtml,
  'en/password_reset.txt': enPasswordResetTxt,
  'en/password_reset.html': enPasswordResetHtml,
  'cy/eo_change_approved_centre.txt': cyEoChangeApprovedCentreTxt,
  'cy/eo_change_approved_centre.html': cyEoChangeApprovedCentreHtml,
  'cy/eo_change_completed.txt': cyEoChangeCompletedTxt,
  'cy/eo_change_completed.html': cyEoChangeCompletedHtml,
  'cy/eo_change_incomplete.txt': cyEoChangeIncompleteTxt,
  'cy/eo_change_incomplete.html': cyEoChangeIncompleteHtml,
  'cy/eo_change_invite_new_eo.txt': cyEoChangeInviteNewEoTxt,
  'cy/eo_change_invite_new_eo.html': cyEoChangeInviteNewEoHtml,
  'cy/eo_change_notice_old_eo.txt': cyEoChangeNoticeOldEoTxt,
  'cy/eo_change_notice_old_eo.html': cyEoChangeNoticeOldEoHtml,
  'cy/eo_change_received.txt': cyEoChangeReceivedTxt,
  'cy/eo_change_received.html': cyEoChangeReceivedHtml,
  'cy/eo_change_rejected.txt': cyEoChangeRejectedTxt,
  'cy/eo_change_rejected.html': cyEoChangeRejectedHtml,
  'cy/eo_change_request_info.txt': cyEoChangeRequestInfoTxt,
  'cy/eo_change_request_info.html': cyEoChangeRequestInfoHtml,
  'cy/eo_reset.txt': cyEoResetTxt,
  'cy/eo_reset.html': cyEoResetHtml,
  'cy/invite.txt': cyInviteTxt,
  'cy/invite.html': cyInviteHtml,
  'cy/login_changed.txt': cyLoginChangedTxt,
  'cy/login_changed.html': cyLoginChangedHtml,
  'cy/login_changed_old.txt': cyLoginChangedOldTxt,
  'cy/login_changed_old.html': cyLoginChangedOldHtml,
  'cy/marks_amendment_approved.txt': cyMarksAmendmentApprovedTxt,
  'cy/marks_amendment_approved.html': cyMarksAmendmentApprovedHtml,
  'cy/marks_amendment_rejected.txt': cyMarksAmendmentRejectedTxt,
  'cy/marks_amendment_rejected.html': cyMarksAmendmentRejectedHtml,
  'en/eo_change_approved_centre.txt': enEoChangeApprovedCentreTxt,
  'en/eo_change_approved_centre.html': enEoChangeApprovedCentreHtml,
  'en/eo_change_completed.txt': enEoChangeCompletedTxt,
  'en/eo_change_completed.html': enEoChangeCompletedHtml,
  'en/eo_change_incomplete.txt': enEoChangeIncompleteTxt,
  'en/eo_change_incomplete.html': enEoChangeIncompleteHtml,
  'en/eo_change_invite_new_eo.txt': enEoChangeInviteNewEoTxt,
  'en/eo_change_invite_new_eo.html': enEoChangeInviteNewEoHtml,
  'en/eo_change_notice_old_eo.txt': enEoChangeNoticeOldEoTxt,
  'en/eo_change_notice_old_eo.html': enEoChangeNoticeOldEoHtml,
  'en/eo_change_received.txt': enEoChangeReceivedTxt,
  'en/eo_change_received.html': enEoChangeReceivedHtml,
  'en/eo_change_rejected.txt': enEoChangeRejectedTxt,
  'en/eo_change_rejected.html': enEoChangeRejectedHtml,
  'en/eo_change_request_info.txt': enEoChangeRequestInfoTxt,
  'en/eo_change_request_info.html': enEoChangeRequestInfoHtml,
  'en/eo_reset.txt': enEoResetTxt,
  'en/eo_reset.html': enEoResetHtml,
  'en/invite.txt': enInviteTxt,
  'en/invite.html': enInviteHtml,
  'en/login_changed.txt': enLoginChangedTxt,
  'en/login_changed.html': enLoginChangedHtml,
  'en/login_changed_old.txt': enLoginChangedOldTxt,
  'en/login_changed_old.html': enLoginChangedOldHtml,
  'en/marks_amendment_approved.txt': enMarksAmendmentApprovedTxt,
  'en/marks_amendment_approved.html': enMarksAmendmentApprovedHtml,
  'en/marks_amendment_rejected.txt': enMarksAmendmentRejectedTxt,
  'en/marks_amendment_rejected.html': enMarksAmendmentRejectedHtml,
};
