import { conflict } from "./errors.js";

/** Optimistic locking as callers see it: refuse a write based on a version that is no longer stored. */
export function assertExpectedVersion(what: string, expected: number | undefined, stored: number): void {
  if (expected !== undefined && expected !== stored) {
    throw conflict(`The ${what} changed since version ${expected} (now ${stored}); reload and retry`);
  }
}

/** Timestamps and version of a record written for the first time. */
export const firstVersion = (now: string) => ({ createdAt: now, updatedAt: now, version: 1 });
