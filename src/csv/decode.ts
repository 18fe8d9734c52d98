/** How the bytes of an uploaded spreadsheet text were read. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((v, i) => b[i] === v);

/**
 * The text of a CSV as a spreadsheet saved it. Excel's "CSV UTF-8" and LibreOffice write UTF-8 (with
 * or without a BOM); Excel's "Unicode Text" writes UTF-16 with a BOM; Excel's plain "CSV (Comma
 * delimited)" writes Windows-1252, which is never valid UTF-8 once it holds a byte over 0x7F. So: a
 * BOM decides, else bytes that are valid UTF-8 are UTF-8, else Windows-1252. Every byte has a
 * meaning in Windows-1252 as the WHATWG decoder reads it, so the text never holds U+FFFD that was
 * not in the file. Used by every import of a spreadsheet: centres, users, and the unit and entry
 * imports.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf))
    return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, 0xff, 0xfe))
    return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, 0xfe, 0xff))
    return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decode('windows-1252', bytes), encoding: 'windows-1252' };
  }
}

const decode = (label: string, bytes: Uint8Array) =>
  new TextDecoder(label, { ignoreBOM: true }).decode(bytes);

/**
 * Whether a cell holds a character that cannot be what the person typed: U+FFFD (a character already
 * lost before the file reached us), or, in a Windows-1252 file, a `?` inside or at the end of a word,
 * which is how Excel writes the ŵ and ŷ that Windows-1252 lacks (`Rh?s` for Rhŷs).
 */
export function lostCharacter(value: string, encoding: TextEncoding): boolean {
  if (value.includes('\uFFFD')) return true;
  return encoding === 'windows-1252' && /\p{L}\?/u.test(value);
}
