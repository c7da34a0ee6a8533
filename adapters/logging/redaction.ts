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

/** Credentials recognisable inside free text, such as an upstream error message. */
const CREDENTIAL_PATTERNS = [
  /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];
const scrub = (text: string) =>
  CREDENTIAL_PATTERNS.reduce(
    (scrubbed, pattern) =>
      scrubbed.replace(pattern, (match) => (match.startsWith("eyJ") ? REDACTED : `${match.split(/\s+/)[0]} ${REDACTED}`)),
    text,
  );

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[TRUNCATED]";
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSensitive(key) ? REDACTED : redact(inner, depth + 1)]));
  }
  return value;
}

/** A line's fields as they may be written: every logger passes its fields through here, and only here. */
export const redactFields = (fields: LogFields): LogFields => redact(fields) as LogFields;
