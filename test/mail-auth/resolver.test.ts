import { describe, expect, it } from 'vitest';
import { cachedResolver } from '../../src/mail-auth/resolver.js';
import { testDns } from '../support/dns.js';

describe('the DNS resolver signature checks use', () => {
  it('asks once for a name within the cache time, and again after it', async () => {
    const dns = testDns();
    dns.records.set('_dmarc.example.org', [['v=DMARC1; p=none']]);
    let now = 0;
    const resolve = cachedResolver(dns.lookup, { timeoutMs: 1000, cacheMs: 60_000, now: () => now });
    await resolve('_dmarc.example.org', 'TXT');
    await expect(resolve('_DMARC.example.org', 'TXT')).resolves.toEqual([['v=DMARC1; p=none']]);
    await expect(resolve('nothing.example.org', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('nothing.example.org', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(dns.asked).toEqual(['TXT _dmarc.example.org', 'TXT nothing.example.org']);
    now = 60_001;
    await resolve('_dmarc.example.org', 'TXT');
    expect(dns.asked).toHaveLength(3);
  });

  it('gives up on a server that does not answer, with the temporary error mailauth expects, and asks again next time', async () => {
    let calls = 0;
    const silent = () => {
      calls++;
      return new Promise<string[][]>(() => {});
    };
    const resolve = cachedResolver(silent, { timeoutMs: 20, cacheMs: 60_000 });
    await expect(resolve('s1._domainkey.example.org', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(resolve('s1._domainkey.example.org', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(calls).toBe(2);
  });
});
