import type { OAuthAuthorization } from "../../domain/oauth/oauth-authorization.js";

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const page = (title: string, body: string, status: number) =>
  new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:4rem auto;max-width:40rem"><h1>${title}</h1>${body}</body></html>`,
    {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      },
    },
  );

/** The authorization response's parameters, as the frontend passes them to completeOAuth. */
const RESPONSE_PARAMS = ["state", "code", "iss", "error"] as const;

/**
 * `GET /oauth/callback`, the redirect URI: it completes nothing itself (a browser carries no
 * proof of who is signed in to the platform). It sends the browser back to the frontend that
 * started the flow, which calls `completeOAuth(state, code, iss)` with the user's own token;
 * without one, it shows that mutation for the user to run (e.g. in GraphiQL).
 */
export async function handleOAuthCallback(oauth: Pick<OAuthAuthorization, "pendingSignIn">, request: Request): Promise<Response> {
  if (request.method !== "GET") return new Response(null, { status: 405, headers: { allow: "GET" } });
  const query = new URL(request.url).searchParams;
  const pending = await oauth.pendingSignIn(query.get("state"));
  if (!pending) return page("Not connected", "<p>This sign-in link is not valid, was already used, or has expired; start again.</p>", 400);
  const { returnTo } = pending;
  if (returnTo) {
    const location = new URL(returnTo);
    for (const name of RESPONSE_PARAMS) if (query.has(name)) location.searchParams.set(name, query.get(name)!);
    return new Response(null, {
      status: 302,
      headers: { location: location.href, "cache-control": "no-store", "referrer-policy": "no-referrer" },
    });
  }
  if (query.has("error") || !query.has("code")) return page("Not connected", "<p>The authorization was not granted.</p>", 400);
  const args = RESPONSE_PARAMS.filter((name) => name !== "error" && query.has(name)).map(
    (name) => `${name}: ${JSON.stringify(query.get(name))}`,
  );
  const mutation = `mutation {\n  completeOAuth(${args.join(", ")}) { id name }\n}`;
  return page(
    "Almost connected",
    `<p>Finish in the app you started from, signed in as yourself. In GraphiQL, run:</p><pre style="white-space:pre-wrap;background:#f4f4f4;padding:1rem">${escape(mutation)}</pre>`,
    200,
  );
}
