/** base64url of UTF-8 text with web-standard APIs, so the domain needs nothing Node-specific. */
export const encodeBase64Url = (text: string) => bytesToBase64Url(new TextEncoder().encode(text));

export function bytesToBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeBase64Url(encoded: string): string | undefined {
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** 32 random bytes, base64url: unguessable states, lease owners and ids. */
export const randomToken = () => bytesToBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
