/** What reading a scan gives: its text, or why there is none. A failure is an answer, never a throw. */
export type OcrOutcome =
  | { ok: true; text: string }
  | { ok: false; why: 'too_large' | 'timeout' | 'failed'; detail?: string };

/** Reads scanned letters; built by the Node entries from config and handed to the core in the context. */
export interface OcrEngine {
  read(bytes: Uint8Array, kind: 'image' | 'pdf'): Promise<OcrOutcome>;
}
