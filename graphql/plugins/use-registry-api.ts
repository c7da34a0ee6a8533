import type { Plugin } from "graphql-yoga";
import { identify } from "../../domain/access/identify.js";
import type { Authenticate } from "../../domain/ports/authenticator.js";
import type { Logger } from "../../domain/ports/logger.js";
import { DomainError } from "../../domain/shared/errors.js";
import type { Services } from "../context.js";

/** The MCP Registry API's listing path (modelcontextprotocol/registry, docs/reference/api/openapi.yaml). */
export const REGISTRY_SERVERS_PATH = "/v0.1/servers";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

interface RegistryApiOptions {
  services: Pick<Services, "serverJson" | "embeddedTokens">;
  authenticate: Authenticate;
  logger: Logger;
}

/**
 * `GET /v0.1/servers`: the caller's visible servers in the registry API's shape, so registry
 * clients can discover them. Served by the GraphQL function, with the same bearer tokens; errors
 * use the registry's `{ error }` body.
 */
export function useRegistryApi({ services, authenticate, logger }: RegistryApiOptions): Plugin {
  async function respond(request: Request): Promise<Response> {
    if (request.method !== "GET") return json(405, { error: "Method not allowed" }, { allow: "GET" });
    try {
      const credentials = { authorization: request.headers.get("authorization"), embeddedToken: request.headers.get("x-embedded-token") };
      const caller = await identify(credentials, authenticate, services.embeddedTokens);
      return json(200, await services.serverJson.list(caller));
    } catch (error) {
      if (error instanceof DomainError && error.code === "UNAUTHENTICATED") {
        return json(401, { error: error.message }, { "www-authenticate": 'Bearer error="invalid_token"' });
      }
      logger.error("registry api", { error: error instanceof Error ? error.name : typeof error });
      return json(500, { error: "Internal error" });
    }
  }
  return {
    async onRequest(payload) {
      if (payload.url.pathname === REGISTRY_SERVERS_PATH) payload.endResponse(await respond(payload.request));
    },
  };
}
