import type { Doc } from '../document.js';
import { flow } from '../flow.js';
import type { ModeratorView } from './view.js';

/** Layout only: the moderator's report as a flow of headings, tables and paragraphs. */
export function drawModeratorReport(doc: Doc, view: ModeratorView): Generator<void> {
  return flow(doc, view.blocks, view.frame);
}
