import type { DnsLookup } from '../../src/mail-auth/resolver.js';

/**
 * A name server of the test's own: TXT records by name, as a DNS answer gives them (each record a
 * list of strings). An unknown name is ENOTFOUND, as from a real server; nothing leaves the machine.
 */
export function testDns() {
  const records = new Map<string, string[][]>();
  const asked: string[] = [];
  const lookup: DnsLookup = async (name, rrtype) => {
    asked.push(`${rrtype} ${name}`);
    const found = rrtype === 'TXT' ? records.get(name.toLowerCase()) : undefined;
    if (!found) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return found;
  };
  return { records, asked, lookup };
}
