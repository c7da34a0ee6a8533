import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { actAs } from "../../domain/access/actor.js";
import type { Logger } from "../../domain/ports/logger.js";
import type { Caller } from "../../domain/shared/caller.js";
import type { Services } from "../../graphql/context.js";
import { DEMO_MCP_PATH } from "./demo-mcp-server.js";

export const DEMO_ADMIN: Caller = { tenantId: "demo", userId: "admin", roles: ["admin"] };

/**
 * On the first boot of a data dir, registers the demo MCP server in tenant `demo` and validates
 * it, so GraphiQL shows tools at once. A marker file keeps a deleted demo server deleted.
 */
export async function seedDemo(services: Services, dataDir: string, baseUrl: string, logger: Logger): Promise<void> {
  const marker = join(dataDir, "demo-seeded");
  if (
    await access(marker).then(
      () => true,
      () => false,
    )
  )
    return;
  const server = await services.servers.create(DEMO_ADMIN, {
    name: "Demo Orders",
    url: `${baseUrl}${DEMO_MCP_PATH}`,
    description: "A demo MCP server served by npm start: lookup_order (read) and refund_order (write).",
  });
  await services.serverHealth.validate(actAs(DEMO_ADMIN), server.id);
  await writeFile(marker, `${server.id}\n`);
  logger.info("registered the demo MCP server", { serverId: server.id });
}
