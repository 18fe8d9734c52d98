import { Buffer } from 'node:buffer';

/**
 * Seals a secret the database must keep but should not hold in the clear (an authenticator app's
 * TOTP key): AES-256-GCM through WebCrypto, on Node and workerd alike. A copy of the database
 * without the key gives no one a second factor. Each value is bound to what it belongs to (`context`,
 * e.g. `totp:42`), so a sealed value copied onto another account's row does not open there.
 */
export interface SecretBox {
  seal(plain: string, context: string): Promise<string>;
  open(stored: string, context: string): Promise<string>;
}

const PREFIX = 'v1:';
const IV_BYTES = 12;

export const KEY_BYTES = 32;

/** Whether a stored value was sealed; one written before sealing began is held as it was given. */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** A key from its base64 or base64url text (SECRET_KEY), or undefined when it is not 32 bytes. */
export function decodeKey(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text.trim(), 'base64');
  return bytes.length === KEY_BYTES ? new Uint8Array(bytes) : undefined;
}

/**
 * `key` may be a function giving it: the key is fetched and imported on first use, so building a
 * context stays synchronous (workerd builds one per request) and a CLI command that seals nothing
 * never reads a key file.
 */
export function secretBox(key: Uint8Array | (() => Uint8Array)): SecretBox {
  let imported: ReturnType<typeof crypto.subtle.importKey> | undefined;
  const aesKey = () => {
    if (!imported) {
      const bytes = typeof key === 'function' ? key() : key;
      if (bytes.length !== KEY_BYTES) throw new Error(`a secret key is ${KEY_BYTES} bytes`);
      imported = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
    }
    return imported;
  };
  const encoder = new TextEncoder();
  return {
    async seal(plain, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        await aesKey(),
        encoder.encode(plain),
      );
      return `${PREFIX}${Buffer.from(iv).toString('base64url')}:${Buffer.from(sealed).toString('base64url')}`;
    },
    async open(stored, context) {
      if (!isSealed(stored)) return stored;
      const [iv = '', sealed = ''] = stored.slice(PREFIX.length).split(':');
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: Buffer.from(iv, 'base64url'), additionalData: encoder.encode(context) },
        await aesKey(),
        Buffer.from(sealed, 'base64url'),
      );
      return new TextDecoder().decode(plain);
    },
  };
}
