import { DomainError } from '../errors.js';

/** Where a blob lives and how big it is; the hash is its name, so storing the same bytes twice is free. */
interface BlobRef {
  sha256: string;
  size: number;
}

/**
 * Content-addressed file storage for raw messages and attachments. The core never opens files
 * itself: Node gives it a directory-backed store, Workers an R2 bucket (or, unbound, one that
 * refuses), tests a memory one.
 */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<BlobRef>;
  get(sha256: string): Promise<Uint8Array | null>;
  /** A stable name for the blob to record beside the row that points at it. */
  pathOf(sha256: string): string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const blobPath = (sha256: string) => `blobs/${sha256.slice(0, 2)}/${sha256.slice(2)}`;

export function memoryBlobStore(): BlobStore & { size(): number } {
  const blobs = new Map<string, Uint8Array>();
  return {
    async put(bytes) {
      const sha256 = await sha256Hex(bytes);
      if (!blobs.has(sha256)) blobs.set(sha256, new Uint8Array(bytes));
      return { sha256, size: bytes.byteLength };
    },
    async get(sha256) {
      return blobs.get(sha256) ?? null;
    },
    pathOf: blobPath,
    size: () => blobs.size,
  };
}

/**
 * For a Worker with no R2 bucket bound: it takes no mail, so converting a set-aside message or
 * downloading an attachment answers `not_available_here` instead of failing.
 */
export function refusingBlobStore(): BlobStore {
  const refuse = async (): Promise<never> => {
    throw new DomainError('not_available_here');
  };
  return { put: refuse, get: refuse, pathOf: blobPath };
}
