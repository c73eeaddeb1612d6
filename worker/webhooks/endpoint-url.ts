/**
 * Which URLs a webhook may be sent to. The gateway makes these requests from inside Cloudflare on a partner's
 * say-so, so a URL must not reach anything but the partner's public endpoint (server-side request forgery):
 * https only; never a host that is an IP address in a private, loopback, link-local, shared, reserved or
 * cloud-metadata range, nor a name that only resolves inside a network (`localhost`, `*.local`, `*.internal`,
 * a name without a dot). Checked when the URL is registered and again before every delivery (the rules can
 * tighten between the two). Loopback over http is allowed only while WEBHOOK_ALLOW_LOOPBACK is on, which
 * `npm start` sets for a receiver on the developer's machine.
 *
 * A public name that resolves to a private address is not caught here (a Worker cannot resolve names);
 * Cloudflare's own network does not route a Worker's fetch to private addresses.
 */

import { isLoopbackHost, parseIpv4 } from "../http/loopback";

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const MAX_URL_LENGTH = 2048;

/**
 * IPv4 ranges a webhook never reaches, as [first address, prefix length] (RFC 6890's special-purpose
 * registry, plus the metadata addresses of clouds that put theirs in public space).
 */
const REFUSED_IPV4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private (RFC 1918)
  ["100.64.0.0", 10], // shared address space (RFC 6598); Alibaba Cloud's metadata is 100.100.100.200
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local: AWS, GCP, Azure and Tencent Cloud metadata (169.254.169.254, 169.254.0.23)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
  ["168.63.129.16", 32], // Azure's platform endpoint (WireServer)
];

const LOOPBACK_NAMES = new Set(["localhost"]);
const LOCAL_SUFFIXES = [
  ".localhost",
  ".local",
  ".internal",
  ".localdomain",
  ".home.arpa",
  ".lan",
  ".intranet",
];

/** Checks a webhook URL; `allowLoopback` is WEBHOOK_ALLOW_LOOPBACK. */
export function checkWebhookUrl(raw: string, options: { allowLoopback: boolean }): WebhookUrlCheck {
  if (raw.length > MAX_URL_LENGTH) return refused(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refused("is not an absolute URL");
  }
  if (url.username || url.password) return refused("carries credentials (use the signature instead)");
  if (url.hash) return refused("has a fragment");
  const loopback = isLoopbackHost(url.hostname);
  if (loopback && options.allowLoopback) {
    return url.protocol === "https:" || url.protocol === "http:"
      ? { ok: true, url }
      : refused("is not http(s)");
  }
  if (url.protocol !== "https:") return refused("is not https");
  const hostProblem = hostRefusal(url.hostname);
  return hostProblem ? refused(hostProblem) : { ok: true, url };
}

function refused(reason: string): WebhookUrlCheck {
  return { ok: false, reason: `The webhook URL ${reason}.` };
}

/** Why a host (as the URL parser normalised it) is not a public endpoint; undefined when it is. */
function hostRefusal(hostname: string): string | undefined {
  if (hostname.startsWith("[")) {
    return isPublicIpv6(hostname.slice(1, -1)) ? undefined : "names an IPv6 address that is not public";
  }
  const ipv4 = parseIpv4(hostname);
  if (ipv4 !== undefined) return isPublicIpv4(ipv4) ? undefined : "names an IPv4 address that is not public";
  const name = hostname.replace(/\.$/, "");
  if (LOOPBACK_NAMES.has(name) || LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return "names a host that is local to a network";
  }
  if (!name.includes(".")) return "names a host without a domain";
  return undefined;
}

function isPublicIpv4(address: number): boolean {
  return !REFUSED_IPV4.some(([first, prefix]) => {
    const base = parseIpv4(first) ?? 0;
    const size = 2 ** (32 - prefix);
    return address >= base && address < base + size;
  });
}

/**
 * Public IPv6 is global unicast (2000::/3) outside documentation (2001:db8::/32); an address that embeds an
 * IPv4 one (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96) is as public as that address. Everything else
 * (loopback, unspecified, unique-local fc00::/7 where AWS's metadata fd00:ec2::254 lies, link-local fe80::/10,
 * multicast) is refused.
 */
function isPublicIpv6(text: string): boolean {
  const groups = parseIpv6(text);
  if (groups === undefined) return false;
  const embeddedIpv4 = (groups[6] ?? 0) * 65_536 + (groups[7] ?? 0);
  const leadingZero = groups.slice(0, 5).every((group) => group === 0);
  if (leadingZero && groups[5] === 0xffff) return isPublicIpv4(embeddedIpv4);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return isPublicIpv4(embeddedIpv4);
  }
  const first = groups[0] ?? 0;
  if (first >> 13 !== 0b001) return false;
  return !(first === 0x2001 && groups[1] === 0x0db8);
}

/** The eight groups of an IPv6 address as the URL parser serialises it (hex groups, at most one `::`). */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}
