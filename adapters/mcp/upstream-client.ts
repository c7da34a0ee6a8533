import { Client, type ClientCapabilities } from "@modelcontextprotocol/client";
import type { McpTarget, UpstreamRelay } from "../../domain/ports/mcp-connector.js";
import type { AuthChallenge } from "../../domain/shared/upstream-error.js";
import type { ProtocolEras } from "./protocol-eras.js";
import { mayBeWrongEra } from "./sanitize-error.js";
import { keepToolListsAside } from "./tools-as-listed.js";
import { createTransport, type TransportDeps } from "./transports.js";

const CLIENT_INFO = { name: "mcp-connector-control-plane", version: "0.1.0" };

export interface ConnectOptions {
  transport: TransportDeps;
  eras: ProtocolEras;
  timeoutMs: number;
  onChallenge: (challenge: AuthChallenge) => void;
  onToolsChanged?: () => void;
  /** A client for one relayed request: it declares the asking client's capabilities and passes on what the server says. */
  relay?: UpstreamRelay;
}

/** The client requests a relay may answer, by the capability the asking client must have declared for each. */
const RELAYED_REQUESTS = [
  ["elicitation/create", "elicitation"],
  ["sampling/createMessage", "sampling"],
  ["roots/list", "roots"],
] as const;

/**
 * An SDK client connected to a server of either era: Streamable HTTP servers are probed once
 * (`server/discover`, else `initialize`) and the answer remembered; SSE and WebSocket servers
 * are 2025-era by nature.
 */
export async function connectUpstream(target: McpTarget, options: ConnectOptions): Promise<Client> {
  const { relay } = options;
  const capabilities = relayedCapabilities(relay);
  const probing = target.transport === "STREAMABLE_HTTP";
  const client = new Client(CLIENT_INFO, {
    capabilities,
    versionNegotiation: { mode: probing ? "auto" : "legacy" },
    // Input a 2026-era server asks for mid-call goes to the same relay handlers as a 2025-era server's requests.
    inputRequired: { autoFulfill: true, maxRounds: 4 },
  });
  client.setNotificationHandler("notifications/tools/list_changed", () => options.onToolsChanged?.());
  if (relay) relayTo(client, relay, capabilities);
  const { url, protocol: hint } = target;
  const { eras } = options;
  const streams = probing
    ? { absent: () => eras.get(url, hint)?.serverStream === false, seen: (available: boolean) => eras.sawStream(url, available, hint) }
    : undefined;
  const transport = keepToolListsAside(await createTransport(target, options.transport, options.onChallenge, streams));
  const prior = probing ? eras.prior(url, hint) : undefined;
  try {
    await client.connect(transport, { timeout: options.timeoutMs, ...(prior ? { prior } : {}) });
  } catch (error) {
    if (!prior || !mayBeWrongEra(error)) throw error;
    // The server is not what it was (redeployed in another era): probe it afresh.
    await client.close().catch(() => undefined);
    eras.forget(url);
    return connectUpstream({ ...target, protocol: undefined }, options);
  }
  if (probing && !prior) eras.learnt(url, client.getProtocolEra() === "modern" ? "modern" : "legacy", client.getDiscoverResult());
  return client;
}

/** Passes on the server's log messages and requests for input to the relay. */
function relayTo(client: Client, relay: UpstreamRelay, capabilities: ClientCapabilities) {
  const { log, ask } = relay;
  if (log) {
    client.setNotificationHandler("notifications/message", ({ params }) =>
      log({ level: params.level, data: params.data, ...(params.logger ? { logger: params.logger } : {}) }),
    );
  }
  for (const [method, capability] of RELAYED_REQUESTS) {
    if (!ask || !capabilities[capability]) continue;
    client.setRequestHandler(
      method,
      async (request) => (await ask({ method, params: request.params as Record<string, unknown> })) as never,
    );
  }
}

/** Only the capabilities a relay can serve, and only those the asking client itself declared. */
function relayedCapabilities(relay: UpstreamRelay | undefined): ClientCapabilities {
  if (!relay?.ask || !relay.capabilities) return {};
  const declared = relay.capabilities;
  return Object.fromEntries(
    RELAYED_REQUESTS.filter(([, capability]) => declared[capability]).map(([, capability]) => [capability, declared[capability]]),
  );
}
