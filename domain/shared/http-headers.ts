import { z } from "zod";
import { breaksHeaderLine } from "./text.js";

/** RFC 9110 token characters: anything else (spaces, colons, CR/LF) could split or forge a header. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers the platform itself controls: transport framing, hop-by-hop, and the MCP protocol's
 * own session headers. Letting a user set them would break or hijack the connection.
 */
const RESERVED = new Set([
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "proxy-authorization",
  "proxy-connection",
  "accept",
  "accept-encoding",
  "cookie",
  "mcp-session-id",
  "mcp-protocol-version",
  "last-event-id",
  "sec-websocket-key",
  "sec-websocket-version",
  "sec-websocket-protocol",
  "sec-websocket-extensions",
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

/** On update a header may omit its value to keep the stored one (secrets are write-only). */
export const headerInputSchema = z.object({ name: headerNameSchema, value: headerValueSchema.optional() });
export type HeaderInput = z.output<typeof headerInputSchema>;

export const headerListSchema = z
  .array(headerInputSchema)
  .max(20, "must have at most 20 headers")
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    headers.forEach((header, index) => {
      const key = header.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "name"], message: "is repeated" });
      seen.add(key);
    });
  });

/** Where a header list clashes with the auth header name: it must be set through the credential. */
export const authHeaderClash = (names: readonly string[], authHeaderName: string) =>
  names.findIndex((name) => sameHeaderName(name, authHeaderName));
