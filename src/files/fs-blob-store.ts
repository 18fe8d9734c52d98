import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BlobStore, blobPath } from './blob-store.js';

/**
 * Blobs under `<root>/blobs/ab/cdef…`. A blob is written to a temporary name and renamed into place,
 * so a crash never leaves a half-written file under a real hash; an existing hash is not rewritten.
 */
export function fsBlobStore(root: string): BlobStore {
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = join(root, blobPath(sha256));
      const exists = await stat(path).then(
        (s) => s.size === bytes.byteLength,
        () => false,
      );
      if (!exists) {
        await mkdir(dirname(path), { recursive: true });
        const temp = `${path}.${randomUUID()}.tmp`;
        try {
          await writeFile(temp, bytes);
          await rename(temp, path);
        } catch (err) {
          await unlink(temp).catch(() => undefined);
          throw err;
        }
      }
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      return readFile(join(root, blobPath(sha256))).then(
        (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
        () => null,
      );
    },
    pathOf: blobPath,
  };
}
