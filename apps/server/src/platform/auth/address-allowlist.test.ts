import { describe, expect, it } from 'vitest';
import { addressAllowed, isCidr } from './address-allowlist.ts';

describe('management terminal allowlist (IP-1)', () => {
  it('accepts IPv4 and IPv6 CIDRs only', () => {
    for (const ok of ['10.1.0.0/16', '0.0.0.0/0', '192.168.1.7/32', 'fd00::/8', '::1/128']) expect(isCidr(ok), ok).toBe(true);
    for (const bad of ['10.1.0.0', '10.1.0.0/33', '10.1.0/16', 'fd00::/129', '10.1.0.0/16/1', 'example.org/8', '10.1.0.0/-1', ''])
      expect(isCidr(bad), bad).toBe(false);
  });

  it('an empty list allows every address; otherwise only addresses inside a range, IPv4-mapped ones included', () => {
    expect(addressAllowed([], '203.0.113.9')).toBe(true);
    const list = ['10.1.0.0/16', 'fd00::/8'];
    expect(addressAllowed(list, '10.1.255.1')).toBe(true);
    expect(addressAllowed(list, '::ffff:10.1.2.3')).toBe(true);
    expect(addressAllowed(list, 'fd12:3456::1')).toBe(true);
    expect(addressAllowed(list, '10.2.0.1')).toBe(false);
    expect(addressAllowed(list, '::ffff:10.2.0.1')).toBe(false);
    expect(addressAllowed(list, '2001:db8::1')).toBe(false);
    expect(addressAllowed(list, 'not-an-address')).toBe(false);
  });
});
