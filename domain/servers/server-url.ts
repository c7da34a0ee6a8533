import { z } from "zod";
import type { Transport } from "./server.js";

export const MAX_URL_LENGTH = 2048;

const WEB_SCHEMES = new Set(["http:", "https:"]);
const SOCKET_SCHEMES = new Set(["ws:", "wss:", ...WEB_SCHEMES]);

export const serverUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`)
  // abort: the checks below need a parseable URL.
  .refine((url) => URL.canParse(url) && url.trim() === url, { message: "must be an absolute URL", abort: true })
  .refine((url) => {
    const { username, password } = new URL(url);
    return !username && !password;
  }, "must not contain a user name or password; use headers or a connection for credentials");

/** http(s) for every transport; a WebSocket server may also be given as ws(s). */
export function urlSchemeProblem(url: string, transport: Transport): string | null {
  const allowed = transport === "WEBSOCKET" ? SOCKET_SCHEMES : WEB_SCHEMES;
  return allowed.has(new URL(url).protocol) ? null : `must use ${[...allowed].map((s) => s.slice(0, -1)).join(" or ")}`;
}
