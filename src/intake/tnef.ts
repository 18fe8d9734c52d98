/**
 * Files inside a TNEF `winmail.dat` (MS-OXTNEF), as Outlook sends attachments to other mail clients.
 * Read are each attachment's title and data attributes, and from its MAPI properties the long file
 * name (the title is only 8.3, `LETTER~1.PDF`): that is all intake needs to find a PDF letterhead
 * and store it under the name its sender gave it. Anything it cannot follow gives `null`, and the
 * part is reported instead; properties it cannot follow leave the 8.3 name.
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
const ATT_ATTACHMENT = 0x00069005;

const PR_ATTACH_LONG_FILENAME = 0x3707;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const MV_FLAG = 0x1000;
/** Value sizes of the fixed-length MAPI property types; each is padded to 4 bytes in the stream. */
const FIXED_SIZE: Record<number, number> = {
  2: 2, // PT_SHORT
  3: 4, // PT_LONG
  4: 4, // PT_FLOAT
  5: 8, // PT_DOUBLE
  6: 8, // PT_CURRENCY
  7: 8, // PT_APPTIME
  10: 4, // PT_ERROR
  11: 2, // PT_BOOLEAN
  20: 8, // PT_I8
  64: 8, // PT_SYSTIME
  72: 16, // PT_CLSID
};
/** Types whose values are counted and sized: strings, binary, embedded objects. */
const VARIABLE = new Set([PT_STRING8, PT_UNICODE, 0x0102, 0x000d]);

const pad4 = (n: number) => (n + 3) & ~3;

/** PR_ATTACH_LONG_FILENAME from an attAttachment property list, or undefined. */
function longFilename(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new RangeError('truncated MAPI property list');
  };
  const u16 = () => {
    need(2);
    const v = view.getUint16(at, true);
    at += 2;
    return v;
  };
  const u32 = () => {
    need(4);
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  try {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const type = u16();
      const id = u16();
      if (id >= 0x8000) {
        need(16);
        at += 16; // the named property's GUID
        if (u32() === 0) at += 4;
        else at += pad4(u32());
      }
      const base = type & ~MV_FLAG;
      const values = (type & MV_FLAG) !== 0 || VARIABLE.has(base) ? u32() : 1;
      for (let v = 0; v < values; v++) {
        if (VARIABLE.has(base)) {
          const size = u32();
          need(size);
          if (id === PR_ATTACH_LONG_FILENAME && (base === PT_STRING8 || base === PT_UNICODE)) {
            const raw = bytes.subarray(at, at + size);
            const name = new TextDecoder(base === PT_UNICODE ? 'utf-16le' : 'windows-1252').decode(raw);
            return name.replace(/\0+$/, '') || undefined;
          }
          at += pad4(size);
        } else {
          const size = FIXED_SIZE[base];
          if (size === undefined) return undefined;
          need(size);
          at += pad4(size);
        }
      }
    }
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
  return undefined;
}

export const isTnef = (a: { filename: string; contentType: string }) =>
  a.contentType === 'application/ms-tnef' ||
  a.contentType === 'application/vnd.ms-tnef' ||
  /^winmail\.dat$/i.test(a.filename);

export function readTnef(bytes: Uint8Array): TnefFile[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 6 || view.getUint32(0, true) !== SIGNATURE) return null;
  const files: TnefFile[] = [];
  let current: { filename?: string; longName?: string; content?: Uint8Array } | null = null;
  const flush = () => {
    if (current?.content)
      files.push({
        filename: current.longName || current.filename || 'attachment',
        content: current.content,
      });
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
      } else if (id === ATT_ATTACHMENT && current) {
        current.longName = longFilename(bytes.subarray(start, end));
      }
    }
    at = end + 2;
  }
  flush();
  return files;
}
