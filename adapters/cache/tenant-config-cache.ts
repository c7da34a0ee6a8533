import type { Clock } from "../../domain/ports/clock.js";

export interface ConfigVersions {
  current(tenantId: string): Promise<number>;
  bump(tenantId: string): Promise<void>;
}

export interface ConfigCacheLimits {
  /** How long a warm process trusts what it read without asking whether the tenant changed (0: never). */
  stalenessMs: number;
  /** How long anything read is kept at all, even if no change was ever announced (a writer that died before bumping). */
  maxAgeMs: number;
  maxTenants: number;
  maxEntriesPerTenant: number;
}

interface TenantEntry {
  version: number;
  checkedAt: number;
  loadedAt: number;
  values: Map<string, Promise<unknown>>;
}

/**
 * What calls read about a tenant's servers, connections and tools, kept in the warm process and
 * revocable: every write bumps the tenant's version, and a reader older than `stalenessMs` asks
 * for that version (one small read) before trusting what it holds. A change made elsewhere is
 * seen within `stalenessMs`; one made in this process at once.
 */
export class TenantConfigCache {
  private readonly tenants = new Map<string, TenantEntry>();
  /** Version reads in flight: concurrent readers of one tenant share one. */
  private readonly checks = new Map<string, Promise<TenantEntry>>();

  constructor(
    private readonly versions: ConfigVersions,
    private readonly clock: Clock,
    private readonly limits: ConfigCacheLimits,
  ) {}

  async read<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (this.limits.stalenessMs <= 0) return load();
    const entry = await this.fresh(tenantId);
    let value = entry.values.get(key) as Promise<T> | undefined;
    if (!value) {
      if (entry.values.size >= this.limits.maxEntriesPerTenant) entry.values.clear();
      value = load();
      entry.values.set(key, value);
      // A failed read is not remembered.
      value.catch(() => entry.values.get(key) === value && entry.values.delete(key));
    }
    return value;
  }

  /** After a write: forget the tenant here, and tell every other process through its version. */
  async changed(tenantId: string): Promise<void> {
    this.tenants.delete(tenantId);
    await this.versions.bump(tenantId);
    // Again: a read that began before the write may have filled a new copy while the version was bumped.
    this.tenants.delete(tenantId);
  }

  /** After a write no other process needs to see at once: forget the tenant here only. */
  forgetHere(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  private fresh(tenantId: string): Promise<TenantEntry> {
    const held = this.tenants.get(tenantId);
    if (held && this.clock.now().getTime() - held.checkedAt < this.limits.stalenessMs) return Promise.resolve(held);
    let check = this.checks.get(tenantId);
    if (!check) {
      check = this.check(tenantId, held).finally(() => this.checks.delete(tenantId));
      this.checks.set(tenantId, check);
    }
    return check;
  }

  private async check(tenantId: string, held: TenantEntry | undefined): Promise<TenantEntry> {
    const now = this.clock.now().getTime();
    const version = await this.versions.current(tenantId);
    if (held && held.version === version && now - held.loadedAt < this.limits.maxAgeMs) {
      held.checkedAt = now;
      return held;
    }
    if (!held && this.tenants.size >= this.limits.maxTenants) this.tenants.delete(this.tenants.keys().next().value!);
    const entry = { version, checkedAt: now, loadedAt: now, values: new Map<string, Promise<unknown>>() };
    this.tenants.set(tenantId, entry);
    return entry;
  }
}
