/**
 * A headless user agent for the authorization-code flow: follows redirects with a cookie jar,
 * fills oidc-provider's development login and consent forms, and stops at the redirect URI.
 */
export async function authorizeInBrowser(authorizationUrl: string, login: string, redirectUri: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 25; step++) {
    if (url.startsWith(redirectUri)) return url;
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: form } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).href;
      form = undefined;
      continue;
    }
    const html = await response.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`No form at ${url} (${response.status}): ${html.slice(0, 300)}`);
    form = new URLSearchParams(html.includes('name="login"') ? { prompt: "login", login, password: "anything" } : { prompt: "consent" });
    url = new URL(action.replace(/&amp;/g, "&"), url).href;
  }
  throw new Error("The authorization flow did not reach the redirect URI");
}
