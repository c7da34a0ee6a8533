import { readFileSync } from "node:fs";
import type { HandlerName } from "../../scripts/lambda-bundles.js";

const functionUrlEvent = JSON.parse(readFileSync(new URL("../../test/functions/fixtures/function-url-post.json", import.meta.url), "utf8"));

const post = (path: string, body: object, headers: Record<string, string>) => ({
  ...functionUrlEvent,
  rawPath: path,
  cookies: [],
  headers: { ...functionUrlEvent.headers, "content-type": "application/json", ...headers },
  requestContext: { ...functionUrlEvent.requestContext, http: { ...functionUrlEvent.requestContext.http, method: "POST", path } },
  body: JSON.stringify(body),
});

const socketEvent = (routeKey: string, eventType: string, extra: object = {}) => ({
  requestContext: {
    routeKey,
    eventType,
    connectionId: "Y29sZC1zdGFydA=",
    connectedAt: Date.now(),
    stage: "prod",
    domainName: "socket.example.test",
    apiId: "x",
  },
  isBase64Encoded: false,
  ...extra,
});

const scheduled = {
  version: "0",
  id: "cold-start",
  "detail-type": "Scheduled Event",
  source: "aws.scheduler",
  time: new Date().toISOString(),
  detail: {},
};

/** The first request each handler answers: a realistic one, authenticated where the handler needs it. */
export function firstEvent(name: HandlerName, token: string): object {
  const authorization = `Bearer ${token}`;
  const mcpMeta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
  const events: Record<HandlerName, object> = {
    graphql: post("/graphql", { query: "{ mcpServers { id name status } }" }, { authorization }),
    mcp: post(
      "/mcp",
      { jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: mcpMeta } },
      { authorization, accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/list" },
    ),
    public: {
      ...post("/.well-known/jwks.json", {}, {}),
      requestContext: { ...functionUrlEvent.requestContext, http: { method: "GET", path: "/.well-known/jwks.json" } },
      body: "",
    },
    "refresh-tools": scheduled,
    "oauth-refresh": scheduled,
    "ws-connect": socketEvent("$connect", "CONNECT", { headers: { "Sec-WebSocket-Protocol": "graphql-transport-ws" } }),
    "ws-disconnect": socketEvent("$disconnect", "DISCONNECT"),
    "ws-message": socketEvent("$default", "MESSAGE", { body: JSON.stringify({ type: "ping" }) }),
    "ws-deliver": { topic: "approvals/acme/alice", event: { id: "none" } },
    "check-server": { tenantId: "acme", serverId: "none" },
  };
  return events[name];
}
