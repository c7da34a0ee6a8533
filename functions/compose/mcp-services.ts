import type { Grants } from "../../domain/access/grants.js";
import type { ApprovalDecisions } from "../../domain/calls/approval-decisions.js";
import type { CallLifecycle } from "../../domain/calls/call-lifecycle.js";
import { CallOutcomes } from "../../domain/calls/call-outcomes.js";
import type { ToolCallService } from "../../domain/calls/tool-call-service.js";
import type { EmbeddedTokens } from "../../domain/embedded/embedded-tokens.js";
import { PlatformStatements } from "../../domain/identity/platform-statements.js";
import type { SigningKeys } from "../../domain/identity/signing-keys.js";
import type { Clock } from "../../domain/ports/clock.js";
import type { AgentCatalog } from "../../domain/tools/agent-catalog.js";
import type { CatalogChanges } from "../../domain/tools/catalog-changes.js";
import type { ToolListing } from "../../domain/tools/tool-listing.js";
import { ServerProxy } from "../../domain/upstream/server-proxy.js";
import type { Upstream } from "../../domain/upstream/upstream-session.js";
import type { McpServices } from "../../mcp-endpoint/services.js";
import type { Adapters } from "./adapters.js";

export interface McpServiceParts {
  catalog: AgentCatalog;
  toolCalls: ToolCallService;
  approvals: ApprovalDecisions;
  lifecycle: CallLifecycle;
  grants: Grants;
  upstream: Upstream;
  toolListing: ToolListing;
  signingKeys: SigningKeys;
  clock: Clock;
  changes: CatalogChanges;
  embeddedTokens: EmbeddedTokens;
  publicUrl: string;
}

/** What the MCP endpoint calls: the same services GraphQL uses, plus waiting, signed statements and the per-server proxy. */
export function createMcpServices(adapters: Adapters, parts: McpServiceParts): McpServices {
  const { clock } = parts;
  return {
    catalog: parts.catalog,
    toolCalls: parts.toolCalls,
    approvals: parts.approvals,
    outcomes: new CallOutcomes({ calls: adapters.callStore, bus: adapters.bus, lifecycle: parts.lifecycle, clock }),
    changes: parts.changes,
    statements: new PlatformStatements({ keys: parts.signingKeys, jose: adapters.jose, clock, issuer: parts.publicUrl }),
    proxy: new ServerProxy({ grants: parts.grants, upstream: parts.upstream, listing: parts.toolListing }),
    embeddedTokens: parts.embeddedTokens,
    replies: adapters.replies,
  };
}
