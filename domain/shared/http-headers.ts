import { z } from "zod";
import { breaksHeaderLine } from "./text.js";

/** RFC 9110 token characters: anything else (spaces, colons, CR/LF) could split or forge a header. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers the platform itself controls: transport framing, hop-by-hop, and the MCP protocol's
 * own session headers. Letting a user set them would break or hijack the connection.
 */
const RESERVED = new Set([
  "host", "content-length", "content-type", "transfer-encoding", "connection", "keep-alive", "upgrade",
  "te", "trailer", "proxy-authorization", "proxy-connection", "accept", "accept-encoding", "cookie",
  "mcp-session-id", "mcp-protocol-version", "last-event-id",
  "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions",
]);

export const headerNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(TOKEN, "is not a valid HTTP header name")
  .refine((name) => !RESERVED.has(name.toLowerCase()), "is reserved by the platform");

export const headerValueSchema = z
  .string()
  .min(1, "must not be empty")
  .max(8192, "must be at most 8192 characters")
  .refine((value) => !breaksHeaderLine(value), "must not contain CR, LF or NUL characters")
  .refine((value) => value.trim() === value, "must not start or end with white space");

export const sameHeaderName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
