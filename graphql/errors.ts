import { GraphQLError } from "graphql";
import { UnreadableSecret } from "../domain/secrets/unreadable-secret.js";
import { DomainError } from "../domain/shared/errors.js";
import { TokenRejected } from "../domain/shared/token-rejected.js";
import type { Logger } from "../domain/ports/logger.js";

const HTTP_STATUS: Partial<Record<DomainError["code"], number>> = { UNAUTHENTICATED: 401 };

const originalOf = (error: unknown): unknown =>
  error instanceof GraphQLError && error.originalError ? originalOf(error.originalError) : error;

/** The API code an error will carry once masked; for logs and metrics. */
export function errorCode(error: unknown): string {
  const original = originalOf(error);
  if (original instanceof DomainError) return original.code;
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  if (typeof code === "string") return code;
  if (original instanceof GraphQLError) return "GRAPHQL_VALIDATION_FAILED";
  return "INTERNAL_SERVER_ERROR";
}

/**
 * What a log line may say of an error GraphQL reports: its code and where it arose, never its
 * message or source excerpt, which quote the variables' values and the document's literals
 * (`Variable "$input" got invalid value { url: "https://user:pass@..." }`).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (typeof error === "string") return { detail: error };
  const original = originalOf(error);
  return {
    code: errorCode(error),
    ...(error instanceof GraphQLError && error.path ? { path: error.path.join(".") } : {}),
    ...(original instanceof DomainError && original.field ? { field: original.field } : {}),
  };
}

/**
 * Expected failures keep their message and carry `extensions.code` (and `field` for bad input);
 * everything else becomes INTERNAL_SERVER_ERROR with no message, stack or cause, whatever
 * NODE_ENV says. The unexpected error is logged (redacted) so it is not lost.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): Error => {
    const path = error instanceof GraphQLError ? error.path : undefined;
    const original = originalOf(error);
    if (original instanceof DomainError) {
      const status = HTTP_STATUS[original.code];
      return new GraphQLError(original.message, {
        path,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original instanceof TokenRejected ? { reason: original.reason } : {}),
          ...(status ? { http: { status, headers: { "WWW-Authenticate": "Bearer" } } } : {}),
        },
      });
    }
    // Parse, validation and protocol errors from graphql-js and yoga are the client's, not ours.
    if (original instanceof GraphQLError) return original;
    logUnexpected(logger, original);
    return new GraphQLError("Unexpected error.", { path, extensions: { code: "INTERNAL_SERVER_ERROR" } });
  };
}

/** Logged (redacted) so it is not lost; a secret that does not open by where it lives alone, with no stack. */
function logUnexpected(logger: Logger, error: unknown): void {
  if (error instanceof UnreadableSecret) return logger.error(error.message, { record: error.record, field: error.field });
  logger.error("unexpected error", {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
}
