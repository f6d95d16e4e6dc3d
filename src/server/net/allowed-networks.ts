import { BlockList, isIP } from 'node:net';
import { DelveError } from '../../errors.js';

/** `::ffff:10.0.0.1` (IPv4-mapped, as dual-stack sockets report IPv4 peers) → `10.0.0.1`. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export interface NetworkMatcher {
  readonly empty: boolean;
  matches(address: string | undefined): boolean;
  readonly list: readonly string[];
}

/** Compiles a CIDR/IP list (`10.0.0.0/8`, `::1`, `192.168.1.7`) into a matcher; bad entries fail with the setting name. */
export function compileNetworks(entries: readonly string[], settingName: string): NetworkMatcher {
  const block = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    const [addr = '', prefix] = entry.split('/');
    const family = isIP(addr);
    if (family === 0) throw new DelveError('DLV_CONFIG_INVALID', `${settingName}: "${entry}" is not an IP address or CIDR block`, { field: settingName });
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      block.addAddress(addr, type);
    } else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
        throw new DelveError('DLV_CONFIG_INVALID', `${settingName}: "${entry}" has an invalid prefix length`, { field: settingName });
      }
      block.addSubnet(addr, bits, type);
    }
  }
  return {
    empty: entries.length === 0,
    list: [...entries],
    matches(address) {
      if (!address) return false;
      const a = normalizeAddress(address);
      const family = isIP(a);
      if (family === 0) return false;
      return block.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
