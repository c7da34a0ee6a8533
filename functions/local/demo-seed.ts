import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { actAs } from "../../domain/access/actor.js";
import type { Logger } from "../../domain/ports/logger.js";
import type { Caller } from "../../domain/shared/caller.js";
import type { Services } from "../../graphql/context.js";
import { DEMO_MCP_PATH } from "./demo-mcp-server.js";

export const DEMO_ADMIN: Caller = { tenantId: "demo", userId: "admin", roles: ["admin"] };

export type DemoSeed = "REGISTERED" | "ALREADY_SEEDED" | "LOOPBACK_FORBIDDEN";

/**
 * On the first boot of a data dir, registers the demo MCP server in tenant `demo` and validates
 * it, so GraphiQL shows tools at once. A marker file keeps a deleted demo server deleted. The
 * demo server lives on loopback: where the outbound policy forbids loopback, nothing is
 * registered (and no marker written, so a later boot that allows it still seeds).
 */
export async function seedDemo(
  services: Services,
  { dataDir, baseUrl, allowLoopback }: { dataDir: string; baseUrl: string; allowLoopback: boolean },
  logger: Logger,
): Promise<DemoSeed> {
  const marker = join(dataDir, "demo-seeded");
  if (
    await access(marker).then(
      () => true,
      () => false,
    )
  )
    return "ALREADY_SEEDED";
  if (!allowLoopback) {
    logger.info("the demo MCP server was not registered: OUTBOUND_ALLOW_LOOPBACK=false forbids reaching it on loopback");
    return "LOOPBACK_FORBIDDEN";
  }
  const server = await services.servers.create(DEMO_ADMIN, {
    name: "Demo Orders",
    url: `${baseUrl}${DEMO_MCP_PATH}`,
    description: "A demo MCP server served by npm start: lookup_order (read) and refund_order (write).",
  });
  await services.serverHealth.validate(actAs(DEMO_ADMIN), server.id);
  await writeFile(marker, `${server.id}\n`);
  logger.info("registered the demo MCP server", { serverId: server.id });
  return "REGISTERED";
}
