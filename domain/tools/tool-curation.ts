import type { ToolStore } from "../ports/tool-store.js";
import type { McpServer } from "../servers/server.js";
import { assertCanManage } from "../servers/server-access.js";
import type { ServerRegistry } from "../servers/server-registry.js";
import type { Caller } from "../shared/caller.js";
import { type InputOf, parseInput, withoutNulls } from "../shared/validation.js";
import type { CatalogChanges } from "./catalog-changes.js";
import { DEFAULT_SETTINGS, type ToolRecord } from "./tool.js";
import { toolNameSchema, toolSettingsInputSchema } from "./tool-settings-input.js";
import { type ToolView, toolView } from "./tool-view.js";

/** Admins' settings per tool: enabled, approval, deferred behind tool search. */
export class ToolCuration {
  constructor(private readonly deps: { servers: ServerRegistry; toolStore: ToolStore; changes?: CatalogChanges }) {}

  async setSettings(
    caller: Caller,
    serverId: string,
    toolName: string,
    rawInput: InputOf<typeof toolSettingsInputSchema>,
  ): Promise<ToolView> {
    const name = parseInput(toolNameSchema, toolName, "toolName");
    const input = parseInput(toolSettingsInputSchema, withoutNulls(rawInput), "input");
    const server = await this.deps.servers.get(caller, serverId);
    assertCanManage(caller, server);
    const known = await this.deps.toolStore.listForServer(server.tenantId, server.id);
    const current = known.find((record) => record.name === name) ?? unseenTool(server, name);
    const settings = { ...current.settings, ...input };
    // Setting an approval is an admin looking at the tool as it is now: auto-approval holds again.
    const reviewedFingerprint = input.approvalMode !== undefined ? current.fingerprint : current.reviewedFingerprint;
    const next: ToolRecord = { ...current, settings, reviewedFingerprint };
    await this.deps.toolStore.saveSettings(next);
    await this.deps.changes?.announce(server.tenantId);
    return toolView(server.slug, next);
  }
}

/** Settings may be given before a tool is first seen (say, to disable it before enabling its server). */
const unseenTool = (server: McpServer, name: string): ToolRecord => ({
  tenantId: server.tenantId,
  serverId: server.id,
  name,
  definition: null,
  fingerprint: null,
  present: false,
  lastSeenAt: null,
  changedAt: null,
  settings: DEFAULT_SETTINGS,
  reviewedFingerprint: null,
});
