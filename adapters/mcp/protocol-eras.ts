import type { DiscoverResult, PriorDiscovery } from "@modelcontextprotocol/client";
import type { KnownProtocol } from "../../domain/servers/server.js";

const MAX_REMEMBERED = 5000;
/** A recorded hint older than this is probed again: a server's capabilities may have grown since. */
const HINT_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * What each endpoint speaks, learnt once per process or taken from the hint recorded on its
 * server (so a cold job does not probe): the era (`server/discover`, else `initialize`) and
 * whether a GET opens a stream (one that answered 405 is not sent again). Keyed by URL, so a
 * server that moves is probed again.
 */
export class ProtocolEras {
  private readonly known = new Map<string, KnownProtocol>();
  /** Endpoints whose hint proved wrong: probed again whatever their server's record says. */
  private readonly distrusted = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** What is known of `url`: learnt in this process, else a recent hint for that same URL. */
  get(url: string, hint?: KnownProtocol): KnownProtocol | undefined {
    const known = this.known.get(url);
    if (known || this.distrusted.has(url) || hint?.url !== url) return known;
    return this.now() - Date.parse(hint.learntAt) < HINT_MAX_AGE_MS ? hint : undefined;
  }

  /** Where a connection may start instead of probing, if anywhere. */
  prior(url: string, hint?: KnownProtocol): PriorDiscovery | undefined {
    const known = this.get(url, hint);
    if (known?.era === "legacy") return { kind: "legacy" };
    return known?.era === "modern" && known.discover ? { kind: "modern", discover: known.discover as DiscoverResult } : undefined;
  }

  /** A probe's answer. */
  learnt(url: string, era: KnownProtocol["era"], discover: DiscoverResult | undefined): void {
    this.distrusted.delete(url);
    this.set({
      url,
      era,
      ...(discover ? { discover } : {}),
      learntAt: new Date(this.now()).toISOString(),
    });
  }

  /** How the endpoint answered a GET for its stream of server messages. */
  sawStream(url: string, available: boolean, hint?: KnownProtocol): void {
    const known = this.get(url, hint);
    if (known && known.serverStream !== available) this.set({ ...known, serverStream: available });
  }

  /** After a failure that may mean the server changed era (a redeploy): probe again next time, whatever the hint says. */
  forget(url: string): void {
    this.known.delete(url);
    this.distrusted.add(url);
    if (this.distrusted.size > MAX_REMEMBERED) this.distrusted.delete(this.distrusted.values().next().value!);
  }

  private set(protocol: KnownProtocol): void {
    this.known.delete(protocol.url);
    if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.keys().next().value!);
    this.known.set(protocol.url, protocol);
  }
}
