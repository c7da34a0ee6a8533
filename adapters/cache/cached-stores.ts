import type { ConnectionStore } from "../../domain/ports/connection-store.js";
import type { ServerStore } from "../../domain/ports/server-store.js";
import type { ToolStore } from "../../domain/ports/tool-store.js";
import type { TenantConfigCache } from "./tenant-config-cache.js";

type Method = (...args: unknown[]) => Promise<unknown>;

/** The tenant a store call is about: its first argument, or the tenant of the record(s) it writes. */
function tenantOf(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === "string") return first;
  const record: unknown = Array.isArray(first) ? first[0] : first;
  return (record as { tenantId?: string } | undefined)?.tenantId;
}

/**
 * A store whose `reads` go through the tenant's cache and whose `writes` announce a change once
 * done; `quiet` writes are forgotten here but announced to no one. Methods in no list
 * (cross-tenant scans for jobs, leases) pass straight through.
 */
function cachedStore<S extends object>(
  store: S,
  cache: TenantConfigCache,
  name: string,
  reads: ReadonlyArray<keyof S>,
  writes: ReadonlyArray<keyof S>,
  quiet: ReadonlyArray<keyof S> = [],
): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver) as unknown;
      if (typeof original !== "function") return original;
      const method = (original as Method).bind(target);
      if (reads.includes(property as keyof S))
        return (...args: unknown[]) => {
          const tenantId = tenantOf(args);
          return tenantId
            ? cache.read(tenantId, `${name}.${String(property)}${JSON.stringify(args)}`, () => method(...args))
            : method(...args);
        };
      const announced = writes.includes(property as keyof S);
      if (announced || quiet.includes(property as keyof S))
        return async (...args: unknown[]) => {
          const result = await method(...args);
          const tenantId = tenantOf(args);
          if (tenantId && announced) await cache.changed(tenantId);
          else if (tenantId) cache.forgetHere(tenantId);
          return result;
        };
      return method;
    },
  });
}

export const cachedServerStore = (store: ServerStore, cache: TenantConfigCache) =>
  cachedStore(store, cache, "servers", ["get", "list"], ["create", "update", "delete", "recordState"], ["recordCheck"]);

export const cachedConnectionStore = (store: ConnectionStore, cache: TenantConfigCache) =>
  cachedStore(
    store,
    cache,
    "connections",
    ["get", "listForSubject"],
    ["create", "update", "delete", "deleteAllForServer", "replace", "completeRefresh", "releaseLease"],
  );

export const cachedToolStore = (store: ToolStore, cache: TenantConfigCache) =>
  cachedStore(store, cache, "tools", ["get", "listForServer", "listForTenant"], ["saveObservations", "saveSettings", "deleteAllForServer"]);
