import type { LogFields } from "../../domain/ports/logger.js";

/**
 * Field names whose values never reach a log line, matched case-insensitively anywhere in a
 * key (`accessToken`, `x-api-key` ...). Applied by the logger itself so no call site can forget.
 */
const SENSITIVE = ["authorization", "cookie", "credential", "token", "secret", "password", "api-key", "apikey", "value", "ciphertext"];
export const REDACTED = "[REDACTED]";

const isSensitive = (key: string) => {
  const lower = key.toLowerCase().replace(/_/g, "");
  return SENSITIVE.some((word) => lower.includes(word.replace(/_/g, "")));
};

/** Credentials recognisable inside free text, such as an upstream error message, and what stands for each. */
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // A URL's user name and password, and every value of its query (a server URL's are secrets).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, `$1${REDACTED}@`],
  [/([?&][^\s=&#"'?]*)=[^\s&#"']+/g, `$1=${REDACTED}`],
];
const scrub = (text: string) => CREDENTIAL_PATTERNS.reduce((scrubbed, [pattern, stand]) => scrubbed.replace(pattern, stand), text);

/** Fields that hold a GraphQL operation's variables: logged as their shape, never their values. */
const SHAPE_ONLY = new Set(["variables"]);

/** What a value looks like without what it holds: `{ input: { url: "string", headers: "array(2)" } }`. */
export function shapeOf(value: unknown, depth = 0): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value !== "object") return typeof value;
  if (depth > 4) return "object";
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner, depth + 1)]));
}

const redactField = (key: string, value: unknown, depth: number) => {
  if (isSensitive(key)) return REDACTED;
  return SHAPE_ONLY.has(key) ? shapeOf(value) : redact(value, depth + 1);
};

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[TRUNCATED]";
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactField(key, inner, depth)]));
  }
  return value;
}

/** A line's fields as they may be written: every logger passes its fields through here, and only here. */
export const redactFields = (fields: LogFields): LogFields => redact(fields) as LogFields;
