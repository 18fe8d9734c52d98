import type { Doc } from '../document.js';
import { flow } from '../flow.js';
import type { CandidatesView } from './view.js';

/** Layout only: the title block and the candidates' table, paged by the flow. */
export function drawCandidates(doc: Doc, view: CandidatesView): Generator<void> {
  return flow(doc, view.blocks, view.frame);
}
