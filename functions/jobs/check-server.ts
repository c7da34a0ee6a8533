import { z } from "zod";
import { tenantIdSchema } from "../../domain/shared/identifiers.js";
import { composeAwsRelayed } from "../aws/compose-relayed.js";
import type { Runtime } from "../composition-root.js";
import { onceComposed } from "../warm-once.js";

const eventSchema = z.object({ tenantId: tenantIdSchema, serverId: z.string().min(1).max(64) });

/**
 * Checks one server a mutation just created or changed, and records what it found (see
 * ServerHealth.checkStored). A server deleted meanwhile is nothing to check.
 */
export async function checkServer(runtime: Pick<Runtime, "services">, event: unknown): Promise<"checked" | "gone"> {
  const { tenantId, serverId } = eventSchema.parse(event);
  return (await runtime.services.serverHealth.checkStored(tenantId, serverId)) === undefined ? "gone" : "checked";
}

/** Invoked asynchronously by the GraphQL function after a server is created or changed (adapters/aws/lambda-server-checks.ts). */
export const handler = onceComposed(
  () => composeAwsRelayed(),
  ({ runtime }, event: unknown) => checkServer(runtime, event),
);
