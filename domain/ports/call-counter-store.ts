import type { CounterRow } from "../calls/call-counters.js";

/** Per server, tool and day (UTC) counters of calls (see domain/calls/call-counters.ts). */
export interface CallCounterStore {
  /** Adds to one day's counters: atomic increments, so concurrent calls never lose a count. */
  add(tenantId: string, day: string, row: CounterRow): Promise<void>;
  /** Every row of the tenant from `sinceDay` on (optionally of one server). */
  read(tenantId: string, sinceDay: string, serverId?: string): Promise<CounterRow[]>;
}
