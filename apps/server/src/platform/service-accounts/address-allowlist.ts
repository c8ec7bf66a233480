import { BlockList, isIP } from 'node:net';

/** Whether a client address is inside an allowlist of addresses and CIDR blocks (IPv4 and IPv6); empty allows any. */
export function addressAllowed(allowlist: readonly string[], clientIp: string): boolean {
  if (allowlist.length === 0) return true;
  const list = new BlockList();
  for (const entry of allowlist) {
    const [net, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(net, family);
    else list.addSubnet(net, Number(bits), family);
  }
  const v4 = clientIp.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const family = isIP(v4) === 6 ? 'ipv6' : 'ipv4';
  return isIP(v4) !== 0 && list.check(v4, family);
}
