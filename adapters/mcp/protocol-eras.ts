import type { PriorDiscovery } from "@modelcontextprotocol/client";

const MAX_REMEMBERED = 5000;

/**
 * Which protocol era each server speaks, learnt once per process: the first connection probes
 * (`server/discover`, falling back to `initialize`); later ones start in the known era with no
 * probe. Keyed by URL, so a server that moves is probed again.
 */
export class ProtocolEras {
  private readonly known = new Map<string, PriorDiscovery>();

  get(url: string): PriorDiscovery | undefined {
    return this.known.get(url);
  }

  remember(url: string, era: PriorDiscovery): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.keys().next().value!);
    this.known.set(url, era);
  }

  /** After a failure that may mean the server changed era (a redeploy): probe again next time. */
  forget(url: string): void {
    this.known.delete(url);
  }
}
