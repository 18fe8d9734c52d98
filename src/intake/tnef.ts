/**
 * Files inside a TNEF `winmail.dat` (MS-OXTNEF), as Outlook sends attachments to other mail clients.
 * Only the attachment title and data attributes are read: that is all intake needs to find a PDF
 * letterhead. Anything it cannot follow gives `null`, and the part is reported instead.
 */
export interface TnefFile {
  filename: string;
  content: Uint8Array;
}

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 0x02;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;

export const isTnef = (a: { filename: string; contentType: string }) =>
  a.contentType === 'application/ms-tnef' ||
  a.contentType === 'application/vnd.ms-tnef' ||
  /^winmail\.dat$/i.test(a.filename);

export function readTnef(bytes: Uint8Array): TnefFile[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 6 || view.getUint32(0, true) !== SIGNATURE) return null;
  const files: TnefFile[] = [];
  let current: { filename?: string; content?: Uint8Array } | null = null;
  const flush = () => {
    if (current?.content)
      files.push({ filename: current.filename || 'attachment', content: current.content });
    current = null;
  };
  let at = 6;
  while (at + 9 <= bytes.byteLength) {
    const level = view.getUint8(at);
    const id = view.getUint32(at + 1, true);
    const length = view.getUint32(at + 5, true);
    const start = at + 9;
    const end = start + length;
    if (end + 2 > bytes.byteLength) return null;
    if (level === LEVEL_ATTACHMENT) {
      if (id === ATT_ATTACH_REND_DATA) {
        flush();
        current = {};
      } else if (id === ATT_ATTACH_TITLE && current) {
        current.filename = new TextDecoder('latin1').decode(bytes.subarray(start, end)).replace(/\0+$/, '');
      } else if (id === ATT_ATTACH_DATA && current) {
        current.content = bytes.slice(start, end);
      }
    }
    at = end + 2;
  }
  flush();
  return files;
}
