import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedHost } from './safe-http.js';
import { isPublicAddress, v6Bytes } from './ip-policy.js';

describe('isPublicAddress', () => {
  it('refuses every non-public range, including IPv4-mapped and other embedded forms', () => {
    const refused = [
      '0.0.0.0', '0.1.2.3', '10.0.0.1', '100.64.0.1', '100.127.255.255', '127.0.0.1', '127.255.255.254', '169.254.169.254',
      '169.254.0.1', '172.16.0.1', '172.31.255.255', '192.0.0.8', '192.0.2.1', '192.168.1.1', '198.18.0.1', '198.51.100.1',
      '203.0.113.9', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
      '::', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::127.0.0.1', '0:0:0:0:0:0:0:1',
      'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'fec0::1', 'ff02::1', '2001:db8::1', '64:ff9b::7f00:1', '2002:7f00:1::1',
      '2001:0::1', '100::1', 'fe80::1%eth0', 'not-an-ip', '', '1.2.3', '01.2.3.4',
    ];
    for (const ip of refused) expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('accepts public unicast addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001::200e']) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });

  it('never throws on arbitrary input and agrees between IPv4 and its mapped IPv6 form', () => {
    fc.assert(fc.property(fc.string(), (s) => { expect(typeof isPublicAddress(s)).toBe('boolean'); }));
    fc.assert(fc.property(fc.ipV4(), (ip) => { expect(isPublicAddress(`::ffff:${ip}`)).toBe(isPublicAddress(ip)); }));
    fc.assert(fc.property(fc.ipV6(), (ip) => { expect(v6Bytes(ip)).toHaveLength(16); }));
  });
});

describe('isAllowedHost', () => {
  it('matches exact names case-insensitively, bracketed IPv6 and *.domain wildcards', () => {
    expect(isAllowedHost('LocalHost', ['localhost'])).toBe(true);
    expect(isAllowedHost('[::1]', ['::1'])).toBe(true);
    expect(isAllowedHost('api.internal.example', ['*.internal.example'])).toBe(true);
    expect(isAllowedHost('internal.example.evil.com', ['*.internal.example'])).toBe(false);
    expect(isAllowedHost('evilinternal.example', ['*.internal.example'])).toBe(false);
    expect(isAllowedHost('localhost', [''])).toBe(false);
  });
});
