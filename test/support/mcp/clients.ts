import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from "@modelcontextprotocol/client";
import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as LegacyTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";

export type Era = "2025-11-25" | "2026-07-28";
export const ERAS: Era[] = ["2025-11-25", "2026-07-28"];

/** How a test client answers an elicitation: the request's params in, an ElicitResult out. */
export type Elicit = (params: {
  message: string;
  requestedSchema: unknown;
}) => Promise<{ action: string; content?: Record<string, unknown> }>;

export interface TestClient {
  listTools(): Promise<Array<{ name: string; description?: string; inputSchema: unknown }>>;
  callTool(name: string, args?: Record<string, unknown>, onProgress?: (progress: number) => void): Promise<any>;
  raw: LegacyClient | ModernClient;
  close(): Promise<void>;
}

/**
 * An SDK client of one protocol era against an MCP endpoint over real HTTP: 2025-11-25 with
 * the v1 SDK, 2026-07-28 with the v2 client pinned to it. It declares elicitation only when
 * it is given a way to answer.
 */
export async function connectClient(
  era: Era,
  url: string,
  token: string | undefined,
  options: { elicit?: Elicit } = {},
): Promise<TestClient> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const { elicit } = options;
  if (era === "2025-11-25") {
    const client = new LegacyClient({ name: "legacy-test", version: "1" }, { capabilities: elicit ? { elicitation: {} } : {} });
    if (elicit) client.setRequestHandler(ElicitRequestSchema, async ({ params }) => (await elicit(params as never)) as never);
    await client.connect(new LegacyTransport(new URL(url), { requestInit: { headers } }));
    return {
      listTools: async () => (await client.listTools()).tools,
      callTool: (name, args = {}, onProgress) =>
        client.callTool({ name, arguments: args }, undefined, {
          timeout: 60_000,
          ...(onProgress ? { onprogress: ({ progress }) => onProgress(progress) } : {}),
        }),
      raw: client,
      close: () => client.close(),
    };
  }
  const client = new ModernClient(
    { name: "modern-test", version: "1" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } }, capabilities: elicit ? { elicitation: { form: {} } } : {} },
  );
  if (elicit) client.setRequestHandler("elicitation/create", async ({ params }) => (await elicit(params as never)) as never);
  await client.connect(new ModernTransport(new URL(url), { requestInit: { headers } }));
  return {
    listTools: async () => (await client.listTools(undefined, { cacheMode: "bypass" })).tools,
    callTool: (name, args = {}, onProgress) =>
      client.callTool(
        { name, arguments: args },
        { timeout: 60_000, ...(onProgress ? { onprogress: ({ progress }) => onProgress(progress) } : {}) },
      ),
    raw: client,
    close: () => client.close(),
  };
}
