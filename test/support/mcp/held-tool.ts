import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { ServerState } from "./sdk-server.js";

/**
 * `extraTools` for startSdkServer: a read-only `hang` tool (runs without approval) that answers
 * `label` only when the test lets it. Each call's answer waits in `held`, in call order, and
 * counts in `state.calls.hang` when it starts.
 */
export const heldTool = (held: Array<() => void>) => (server: McpServer, state: ServerState) =>
  void server.registerTool(
    "hang",
    { description: "Answers when the test lets it", inputSchema: { label: z.string() }, annotations: { readOnlyHint: true } },
    async ({ label }) => {
      state.calls.hang = (state.calls.hang ?? 0) + 1;
      await new Promise<void>((answer) => held.push(answer));
      return { content: [{ type: "text", text: label }] };
    },
  );
