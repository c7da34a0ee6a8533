import type { Runtime } from "../composition-root.js";
import { handleOAuthCallback } from "./oauth-callback.js";
import { PUBLIC_PATHS } from "./public-paths.js";

const json = (body: unknown, maxAgeSeconds: number) =>
  new Response(JSON.stringify(body), {
    headers: { "content-type": "application/json", "cache-control": `public, max-age=${maxAgeSeconds}` },
  });

const onlyGet = (request: Request, respond: () => Promise<Response>) =>
  request.method === "GET" ? respond() : Promise.resolve(new Response(null, { status: 405, headers: { allow: "GET" } }));

/**
 * The public endpoints (the local server and the Public Lambda serve the same): the identity
 * tokens' JWKS, the OAuth client metadata document and the OAuth redirect URI. Undefined for
 * any other path.
 */
export function publicRoute(
  runtime: Pick<Runtime, "signingKeys" | "services" | "oauthClients">,
): (request: Request) => Promise<Response> | undefined {
  return (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === PUBLIC_PATHS.jwks) return onlyGet(request, async () => json(await runtime.signingKeys.jwks(), 300));
    if (pathname === PUBLIC_PATHS.clientMetadata) return onlyGet(request, async () => json(runtime.oauthClients.metadataDocument(), 3600));
    if (pathname === PUBLIC_PATHS.oauthCallback) return handleOAuthCallback(runtime.services.oauth, request);
    return undefined;
  };
}
