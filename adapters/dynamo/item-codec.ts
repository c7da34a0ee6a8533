import { KEY_ATTRIBUTES, type ItemKey } from "./keys.js";

type Item = Record<string, unknown>;

/** A record with its table keys added; the record itself never carries keys. */
export const toItem = <T extends object>(key: ItemKey, record: T): Item => ({ ...(record as Item), ...key });

/** The record an item stores, without its table keys. */
export function fromItem<T>(item: Item): T {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
}

/** An instant as the table's TTL attribute (`expiresAt`) holds it: epoch seconds. */
export const ttlOf = (instant: string) => Math.floor(Date.parse(instant) / 1000);
