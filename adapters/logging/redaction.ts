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

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[TRUNCATED]";
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, isSensitive(key) ? REDACTED : redact(inner, depth + 1)]),
    );
  }
  return value;
}
