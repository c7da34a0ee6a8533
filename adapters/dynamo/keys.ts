/**
 * Every key of the table, in one place. Each partition key starts with the tenant, so a query
 * built from a verified tenant id can never reach another tenant's items. Tenant ids are
 * restricted to `[A-Za-z0-9_-]` (domain/shared/identifiers.ts), so no tenant can spell `#`.
 */
const tenantPartition = (tenantId: string, collection: string) => `T#${tenantId}#${collection}`;

export interface ItemKey {
  pk: string;
  sk: string;
}

export const SERVER_PREFIX = "SERVER#";
const SLUG_PREFIX = "SLUG#";

export const keys = {
  /** All servers of a tenant share one partition: listing them is one Query, never a Scan. */
  server: (tenantId: string, serverId: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: SERVER_PREFIX + serverId,
  }),
  servers: (tenantId: string) => ({ pk: tenantPartition(tenantId, "SERVERS"), skPrefix: SERVER_PREFIX }),
  /** Claims a slug for one server; a conditional put on it is what makes slugs unique per tenant. */
  slugClaim: (tenantId: string, slug: string): ItemKey => ({
    pk: tenantPartition(tenantId, "SERVERS"),
    sk: SLUG_PREFIX + slug,
  }),
};

/** Attributes that belong to the table, not to the record they index. */
export const KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;
