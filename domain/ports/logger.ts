/** Structured logging. Implementations redact secrets centrally, so call sites cannot forget. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (request id, tenant, caller). */
  child(fields: LogFields): Logger;
}
