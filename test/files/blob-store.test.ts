import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors.js';
import { memoryBlobStore, refusingBlobStore } from '../../src/files/blob-store.js';
import { fsBlobStore } from '../../src/files/fs-blob-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const bytes = new TextEncoder().encode('Rhif y ganolfan: 68123');
const sha = createHash('sha256').update(bytes).digest('hex');

describe('blob stores', () => {
  it('fs: stores under blobs/ab/cdef…, once, and reads it back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cymorth-blobs-'));
    dirs.push(root);
    const store = fsBlobStore(root);
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.byteLength });
    expect(await store.put(bytes)).toEqual({ sha256: sha, size: bytes.byteLength });
    expect(existsSync(join(root, 'blobs', sha.slice(0, 2), sha.slice(2)))).toBe(true);
    expect(readdirSync(join(root, 'blobs', sha.slice(0, 2)))).toEqual([sha.slice(2)]);
    expect(await store.get(sha)).toEqual(bytes);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect(store.pathOf(sha)).toBe(`blobs/${sha.slice(0, 2)}/${sha.slice(2)}`);
  });

  it('memory: the same contract', async () => {
    const store = memoryBlobStore();
    expect((await store.put(bytes)).sha256).toBe(sha);
    await store.put(bytes);
    expect(store.size()).toBe(1);
    expect(await store.get(sha)).toEqual(bytes);
  });

  it('refusing: says so (501 not_available_here) instead of pretending to store', async () => {
    await expect(refusingBlobStore().put(bytes)).rejects.toMatchObject({ code: 'not_available_here' });
    await expect(refusingBlobStore().get(sha)).rejects.toMatchObject({ code: 'not_available_here' });
    expect(ERROR_STATUS.not_available_here).toBe(501);
  });
});
