import { createMcpHandler, hostHeaderValidationResponse, isInitializeRequest, type Server } from "@modelcontextprotocol/server";
import { type Actor, actAs } from "../domain/access/actor.js";
import { identify } from "../domain/access/identify.js";
import { DomainError } from "../domain/shared/errors.js";
import type { Downstream } from "./downstream.js";
import { gatewayServer } from "./gateway-server.js";
import { type LegacySession, LegacySessions } from "./legacy-sessions.js";
import { catalogEventBus, legacyChangeStream } from "./list-changes.js";
import { PROTECTED_RESOURCE_PREFIX, protectedResourceMetadata, unauthenticated } from "./protected-resource.js";
import { proxyServer } from "./proxy-server.js";
import { RoutedRequests } from "./routed-requests.js";
import type { McpEndpointOptions } from "./services.js";

const SERVER_PATH = /^\/mcp\/servers\/([a-z0-9]+(?:_[a-z0-9]+)*)$/;
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Which endpoint a path names: the aggregate `/mcp`, one server's `/mcp/servers/<slug>`, or neither. */
const routeOf = (path: string): { slug?: string } | undefined =>
  path === "/mcp" ? {} : SERVER_PATH.test(path) ? { slug: SERVER_PATH.exec(path)![1]! } : undefined;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const rpcError = (status: number, code: number, message: string) => json(status, { jsonrpc: "2.0", id: null, error: { code, message } });

/**
 * The control plane as an MCP server, for any MCP client: `POST /mcp` (every usable tool) and
 * `POST /mcp/servers/<slug>` (one server as itself), both protocol eras on one URL, with the
 * same bearer tokens as GraphQL. A fetch handler: the local server and the Lambda serve the
 * same. Undefined for paths that are not its own.
 */
export function createMcpEndpoint(options: McpEndpointOptions): (request: Request) => Promise<Response | undefined> {
  const { services } = options;
  const sessions = new LegacySessions(services.statements);
  const routed = new RoutedRequests(services);

  async function serve(request: Request, route: { slug?: string }, actor: Actor): Promise<Response> {
    const sessionId = request.headers.get("mcp-session-id");
    const session = sessionId ? await sessions.read(actor, sessionId) : undefined;
    if (sessionId && !session) return rpcError(404, -32001, "Session not found; initialize again");
    if (request.method === "POST") return post(request, route, actor, session);
    // GET: a 2025-era client's stream for server messages; DELETE: the end of a session (nothing is kept to forget).
    if (request.method === "GET" && session && options.streams) return legacyChangeStream(services.changes, actor, request.signal);
    if (request.method === "DELETE" && session) return new Response(null, { status: 200 });
    return new Response(null, { status: 405, headers: { allow: "POST" } });
  }

  async function post(request: Request, route: { slug?: string }, actor: Actor, session: LegacySession | undefined): Promise<Response> {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return rpcError(413, -32600, "Request body too large");
    const text = await request.text();
    const body = parsed(text);
    const replies = RoutedRequests.repliesIn(body);
    if (replies) {
      return (await routed.deliver(actor, replies))
        ? new Response(null, { status: 202 })
        : rpcError(400, -32600, "Not a reply this caller may give");
    }
    const proxied = route.slug ? await services.proxy.open(actor, route.slug) : undefined;
    const build = async (era: Downstream["era"]): Promise<Server> => {
      // A session read back from the request's header: that header is its id.
      const ofSession = session ? { session, sessionId: request.headers.get("mcp-session-id")! } : {};
      const downstream: Downstream = { actor, era, routed, askTimeoutMs: options.approvalWaitMs, ...ofSession };
      const context = { services, downstream, approvalWaitMs: options.approvalWaitMs, logger: options.logger };
      return proxied ? proxyServer(context, proxied) : gatewayServer(context);
    };
    const handler = createMcpHandler(({ era }) => build(era), {
      legacy: "stateless",
      bus: catalogEventBus(services.changes, actor),
      onerror: (error) => options.logger.warn("mcp endpoint", { error: error.message }),
    });
    const headers = new Headers(request.headers);
    headers.delete("mcp-session-id");
    const response = await handler.fetch(
      new Request(request.url, { method: "POST", headers, body: text }),
      body === undefined ? {} : { parsedBody: body },
    );
    return isInitializeRequest(body) && response.ok ? withSession(response, await sessions.open(actor, sessionOf(body.params))) : response;
  }

  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(`${PROTECTED_RESOURCE_PREFIX}/mcp`) && routeOf(url.pathname.slice(PROTECTED_RESOURCE_PREFIX.length))) {
      return protectedResourceMetadata(
        new URL(url.pathname.slice(PROTECTED_RESOURCE_PREFIX.length), url.origin),
        options.authorizationServer,
      );
    }
    const route = routeOf(url.pathname);
    if (!route) return undefined;
    const misdirected = options.allowedHosts ? hostHeaderValidationResponse(request, [...options.allowedHosts]) : undefined;
    if (misdirected) return misdirected;
    const resource = new URL(url.pathname, url.origin);
    try {
      const credentials = { authorization: request.headers.get("authorization"), embeddedToken: request.headers.get("x-embedded-token") };
      const actor = actAs(await identify(credentials, options.authenticate, services.embeddedTokens));
      return await serve(request, route, actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "UNAUTHENTICATED") return unauthenticated(resource, error.message);
      return rpcError(error.code === "NOT_FOUND" ? 404 : 403, -32600, error.message);
    }
  };
}

/** 2025 era: the session id carries what the client declared, so every later request (in any process) knows it. */
function withSession(response: Response, sessionId: string): Response {
  const headers = new Headers(response.headers);
  headers.set("mcp-session-id", sessionId);
  return new Response(response.body, { status: response.status, headers });
}

const sessionOf = (params: { capabilities: LegacySession["capabilities"]; protocolVersion: string }): LegacySession => ({
  capabilities: params.capabilities,
  protocolVersion: params.protocolVersion,
});

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
