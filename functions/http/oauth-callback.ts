import type { OAuthAuthorization } from "../../domain/oauth/oauth-authorization.js";

const page = (title: string, text: string, status: number) =>
  new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:4rem auto;max-width:32rem"><h1>${title}</h1><p>${text}</p></body></html>`,
    {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      },
    },
  );

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** `GET /oauth/callback`: finishes an authorization and sends the browser back, or shows what happened. */
export async function handleOAuthCallback(oauth: Pick<OAuthAuthorization, "callback">, request: Request): Promise<Response> {
  if (request.method !== "GET") return new Response(null, { status: 405, headers: { allow: "GET" } });
  const query = new URL(request.url).searchParams;
  const outcome = await oauth.callback({ state: query.get("state"), code: query.get("code"), error: query.get("error") });
  if (!outcome.ok) return page("Not connected", escape(outcome.message), 400);
  if (outcome.returnTo) return new Response(null, { status: 302, headers: { location: outcome.returnTo, "cache-control": "no-store" } });
  return page("Connected", "Your account is connected. You can close this window.", 200);
}
