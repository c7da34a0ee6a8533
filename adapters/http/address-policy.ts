import ipaddr from "ipaddr.js";

export interface OutboundPolicy {
  /** Loopback (127/8, ::1): the local server allows it for servers on the same machine; AWS never. */
  allowLoopback: boolean;
  /** Private ranges a company uses for internal MCP servers (`OUTBOUND_ALLOW_CIDRS`). */
  allowCidrs: readonly string[];
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Cloud metadata and link-local addresses: never reachable, whatever the allowlist says, because
 * they hand out the machine's own credentials. `::/96` (IPv4-compatible IPv6, deprecated) hides
 * IPv4 addresses such as ::a9fe:a9fe; nothing legitimate lives there.
 */
const NEVER = ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32", "0.0.0.0/8", "::/96"].map((cidr) =>
  ipaddr.parseCIDR(cidr),
);

const REASONS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  uniqueLocal: "a private address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  linkLocal: "a link-local address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  reserved: "a reserved address",
};

const inRange = (address: ipaddr.IPv4 | ipaddr.IPv6, [range, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]) =>
  address.kind() === range.kind() && address.match(range, bits);

/** Whether an outbound connection may go to this IP address (any spelling ipaddr.js parses). */
export function judgeAddress(literal: string, policy: OutboundPolicy): AddressVerdict {
  if (!ipaddr.isValid(literal)) return { allowed: false, reason: "not an IP address" };
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it maps.
  const address = ipaddr.process(literal);
  const range = address.range();
  // `::1` sits inside `::/96` but is loopback itself, judged by the loopback rule below.
  if (range !== "loopback" && NEVER.some((never) => inRange(address, never)))
    return { allowed: false, reason: "a link-local or cloud metadata address" };
  if (range === "unicast") return { allowed: true };
  if (range === "loopback" && policy.allowLoopback) return { allowed: true };
  if (policy.allowCidrs.some((cidr) => inRange(address, ipaddr.parseCIDR(cidr)))) return { allowed: true };
  return { allowed: false, reason: REASONS[range] ?? `a ${range} address` };
}

/** Validates allowlist entries once, at start-up: a typo must fail loudly, not open nothing. Metadata stays closed regardless. */
export function parseAllowCidrs(value: string | undefined): string[] {
  const cidrs = (value ?? "")
    .split(",")
    .map((cidr) => cidr.trim())
    .filter(Boolean);
  for (const cidr of cidrs) {
    if (!ipaddr.isValidCIDR(cidr)) throw new Error(`OUTBOUND_ALLOW_CIDRS: ${cidr} is not a CIDR range`);
  }
  return cidrs;
}
