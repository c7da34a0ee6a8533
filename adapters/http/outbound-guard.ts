import { lookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import { judgeAddress, type OutboundPolicy } from "./address-policy.js";

/** Names to addresses; injectable so tests can make any name resolve anywhere without DNS. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A refused outbound request. Its message names the kind of address, never the address itself. */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
}

const WEB_PROTOCOLS = new Set(["http:", "https:", "ws:", "wss:"]);

/**
 * Decides where the service may connect: http(s)/ws(s) only, no credentials in URLs, and every
 * address a name resolves to must be allowed by the policy. The connection is then made to the
 * checked addresses (see `lookup`), so a DNS answer cannot change between check and connect.
 */
export class OutboundGuard {
  constructor(
    readonly policy: OutboundPolicy,
    private readonly resolver: Resolver = systemResolver,
  ) {}

  /** Checks what can be checked without DNS: scheme, userinfo, and an IP-literal host. */
  checkUrl(url: URL): void {
    if (!WEB_PROTOCOLS.has(url.protocol))
      throw new OutboundRefusedError(`Outbound request refused: the ${url.protocol} scheme is not allowed`);
    if (url.username || url.password) throw new OutboundRefusedError("Outbound request refused: URLs may not carry credentials");
    const literal = ipLiteral(url.hostname);
    if (literal) this.checkAddress(literal);
  }

  checkAddress(address: string): void {
    const verdict = judgeAddress(address, this.policy);
    if (!verdict.allowed) throw new OutboundRefusedError(`Outbound request refused: the server resolves to ${verdict.reason}`);
  }

  /** Resolves a name and refuses it unless every address is allowed (one bad answer taints the name). */
  async resolve(hostname: string): Promise<LookupAddress[]> {
    const literal = ipLiteral(hostname);
    const addresses = literal ? [{ address: literal, family: literal.includes(":") ? 6 : 4 }] : await this.resolver(hostname);
    if (addresses.length === 0) throw new OutboundRefusedError("Outbound request refused: the name does not resolve");
    for (const { address } of addresses) this.checkAddress(address);
    return addresses;
  }

  /** A `dns.lookup`-shaped function for net/tls/undici/ws that only ever yields checked addresses. */
  readonly lookup = (
    hostname: string,
    options: { all?: boolean } | number | undefined,
    callback: (error: Error | null, address?: string | LookupAddress[], family?: number) => void,
  ): void => {
    this.resolve(hostname).then(
      (addresses) => {
        if (typeof options === "object" && options?.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error),
    );
  };
}

/** `[::1]` -> `::1`; `127.0.0.1` stays; names -> undefined. The URL parser already normalised `0x7f000001`, `127.1` ... */
function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return /^[\d.]+$/.test(bare) || bare.includes(":") ? bare : undefined;
}
