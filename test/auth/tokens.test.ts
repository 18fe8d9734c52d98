import { describe, expect, it } from 'vitest';
import { newToken } from '../../src/auth/tokens.js';

describe('newToken', () => {
  it('gives 256 random bits in base64url every time, never the same twice, across pool refills', () => {
    const tokens = Array.from({ length: 2000 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^cym_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    // No 32-byte slice of the pool is handed out twice, not even in part: no shared 16-character run.
    expect(new Set(tokens.map((t) => t.slice(4, 20))).size).toBe(tokens.length);
  });
});
