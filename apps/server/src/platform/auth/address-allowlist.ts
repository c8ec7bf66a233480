import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `10.1.0.0/16` or `fd00::/8`. */
export function isCidr(value: string): boolean {
  const [net, bits, extra] = value.split('/');
  if (extra !== undefined || !net || !bits || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  return (isIPv4(net) && prefix <= 32) || (isIPv6(net) && prefix <= 128);
}

/** Whether a source address lies in the allowlist; an empty list allows every address. */
export function addressAllowed(cidrs: readonly string[], ip: string): boolean {
  if (cidrs.length === 0) return true;
  const list = new BlockList();
  for (const cidr of cidrs.filter(isCidr)) {
    const [net, bits] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(bits), isIPv4(net) ? 'ipv4' : 'ipv6');
  }
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  const v4 = ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIPv4(v4)) return list.check(v4, 'ipv4');
  return isIPv6(ip) && list.check(ip, 'ipv6');
}
