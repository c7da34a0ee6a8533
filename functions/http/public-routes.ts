import type { Runtime } from "../composition-root.js";
import { handleOAuthCallback } from "./oauth-callback.js";

/** What the rest of the world fetches from this deployment, all at PUBLIC_URL. */
export const PUBLIC_PATHS = { jwks: "/.well-known/jwks.json", oauthCallback: "/oauth/callback" } as const;

const json = (body: unknown, maxAgeSeconds: number) =>
  new Response(JSON.stringify(body), {
    headers: { "content-type": "application/json", "cache-control": `public, max-age=${maxAgeSeconds}` },
  });

/**
 * The public endpoints (the local server and the Public Lambda serve the same): the identity
 * tokens' JWKS and the OAuth redirect URI. Undefined for any other path.
 */
export function publicRoute(runtime: Pick<Runtime, "signingKeys" | "services">): (request: Request) => Promise<Response> | undefined {
  return (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === PUBLIC_PATHS.jwks)
      return request.method === "GET" ? runtime.signingKeys.jwks().then((jwks) => json(jwks, 300)) : notAllowed();
    if (pathname === PUBLIC_PATHS.oauthCallback) return handleOAuthCallback(runtime.services.oauth, request);
    return undefined;
  };
}

const notAllowed = () => Promise.resolve(new Response(null, { status: 405, headers: { allow: "GET" } }));
