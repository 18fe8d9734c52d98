import { Resolver } from 'node:dns/promises';

/** A DNS lookup as mailauth calls it: TXT records come back as arrays of strings. */
export type DnsLookup = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** A DNS error with the code mailauth reads (`ETIMEOUT` is a temporary error, not a missing key). */
function dnsError(code: string, name: string): Error {
  return Object.assign(new Error(`${code} ${name}`), { code });
}

/**
 * Lookups with a deadline each and a cache: one mailbox sees the same few domains all day, and a
 * slow name server must not hold a message up. Answers, and "no such record", are kept `cacheMs`;
 * timeouts and server failures are not kept, so the next message asks again.
 */
export function cachedResolver(
  lookup: DnsLookup,
  options: { timeoutMs: number; cacheMs: number; now?: () => number },
): DnsLookup {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { until: number; answer: Promise<string[][] | string[]> }>();
  return (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.answer;
    let timer: NodeJS.Timeout | undefined;
    const answer = Promise.race([
      lookup(name, rrtype),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(dnsError('ETIMEOUT', name)), options.timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    cache.set(key, { until: now() + options.cacheMs, answer });
    answer.catch((err: { code?: string }) => {
      if (err.code !== 'ENOTFOUND' && err.code !== 'ENODATA') cache.delete(key);
    });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
    return answer;
  };
}

/** The system's name servers (or the ones given), through Node's resolver. */
export function systemLookup(servers: string[] | undefined, timeoutMs: number): DnsLookup {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers?.length) resolver.setServers(servers);
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}
