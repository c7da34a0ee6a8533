import { describe, expect, it } from "vitest";
import { REMOTE_MCP_SERVERS } from "../../domain/integrations/catalog/remote-mcp-servers.js";
import { integrationSchema } from "../../domain/integrations/integration.js";
import { slugSchema } from "../../domain/servers/slug.js";

describe("the integrations catalog data", () => {
  it("holds at least 15 entries, each a valid, checked integration", () => {
    expect(REMOTE_MCP_SERVERS.length).toBeGreaterThanOrEqual(15);
    for (const entry of REMOTE_MCP_SERVERS) expect(integrationSchema.parse(entry)).toEqual(entry);
  });

  it("has unique ids and URLs, and ids that make valid server slugs", () => {
    const ids = REMOTE_MCP_SERVERS.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(REMOTE_MCP_SERVERS.map((entry) => entry.url)).size).toBe(ids.length);
    for (const id of ids) expect(slugSchema.safeParse(id.replaceAll("-", "_")).success).toBe(true);
  });
});
