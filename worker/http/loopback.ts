/** Which hosts are this machine: URLs the gateway allows to loopback only in local development. */

/** A host (as the URL parser normalised it) that names this machine: localhost, 127.0.0.0/8, [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (hostname === "[::1]") return true;
  const ipv4 = parseIpv4(hostname);
  return ipv4 !== undefined && ipv4 >>> 24 === 127;
}

/** A dotted quad as the URL parser writes every IPv4 form (`0x7f.1`, `2130706433`), as an unsigned number. */
export function parseIpv4(host: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}
