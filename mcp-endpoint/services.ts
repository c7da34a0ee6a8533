import type { ApprovalDecisions } from "../domain/calls/approval-decisions.js";
import type { CallOutcomes } from "../domain/calls/call-outcomes.js";
import type { ToolCallService } from "../domain/calls/tool-call-service.js";
import type { EmbeddedTokens } from "../domain/embedded/embedded-tokens.js";
import type { PlatformStatements } from "../domain/identity/platform-statements.js";
import type { Authenticate } from "../domain/ports/authenticator.js";
import type { Logger } from "../domain/ports/logger.js";
import type { ReplyBox } from "../domain/ports/reply-box.js";
import type { AgentCatalog } from "../domain/tools/agent-catalog.js";
import type { CatalogChanges } from "../domain/tools/catalog-changes.js";
import type { ServerProxy } from "../domain/upstream/server-proxy.js";

/** The domain services the MCP endpoint calls; built once per process by the composition root. */
export interface McpServices {
  catalog: AgentCatalog;
  toolCalls: ToolCallService;
  approvals: ApprovalDecisions;
  outcomes: CallOutcomes;
  changes: CatalogChanges;
  statements: PlatformStatements;
  proxy: ServerProxy;
  embeddedTokens: EmbeddedTokens;
  replies: ReplyBox;
}

export interface McpEndpointOptions {
  services: McpServices;
  authenticate: Authenticate;
  logger: Logger;
  /** The authorization server MCP clients get their tokens from (RFC 9728 metadata), when it is a URL. */
  authorizationServer?: string;
  /** How long a call needing approval waits for its user before answering "pending" (below Lambda's limit). */
  approvalWaitMs: number;
  /** Host names requests may be addressed to (DNS rebinding); unset: any (a Function URL routes by host already). */
  allowedHosts?: readonly string[];
  /** Whether this process may hold a 2025-era GET stream open for list_changed (not on buffered Lambda). */
  streams: boolean;
}
