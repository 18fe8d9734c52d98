import type { R2Bucket } from '@cloudflare/workers-types/index.js';
import { type BlobStore, blobPath, sha256Hex } from './blob-store.js';

/**
 * Blobs in an R2 bucket on Workers, under the same `blobs/ab/cdef…` keys as on disk, so a row's
 * recorded path means the same on both. R2 checks the body against the hash it is given and refuses a
 * mismatch, so a blob is never stored under a name its bytes do not have; an existing key is not
 * written again.
 */
export function r2BlobStore(bucket: R2Bucket): BlobStore {
  return {
    async put(bytes) {
      const sha256 = await sha256Hex(bytes);
      const key = blobPath(sha256);
      const existing = await bucket.head(key);
      if (existing?.size !== bytes.byteLength) await bucket.put(key, bytes, { sha256 });
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      const object = await bucket.get(blobPath(sha256));
      return object ? new Uint8Array(await object.arrayBuffer()) : null;
    },
    pathOf: blobPath,
  };
}
