import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { LogFields, Logger } from "../../domain/ports/logger.js";
import type { LogLevel } from "./json-logger.js";
import { redactFields } from "./redaction.js";

export interface PowertoolsLoggerOptions {
  /** The `service` key on every line (and POWERTOOLS_SERVICE_NAME's default). */
  serviceName?: string;
  level?: LogLevel;
  fields?: LogFields;
}

/** Keys Powertools writes itself and drops from a line's fields: such a field keeps its value under `field_<key>`. */
const RESERVED = new Set(["level", "message", "sampling_rate", "service", "timestamp"]);

/** Fields as they reach Powertools: redacted (the same rule as the local logger), and clear of its own keys. */
const prepared = (fields: LogFields): LogFields =>
  Object.fromEntries(Object.entries(redactFields(fields)).map(([key, value]) => [RESERVED.has(key) ? `field_${key}` : key, value]));

/**
 * The Lambda logger: AWS Lambda Powertools writes one JSON line per call (level, message,
 * service, timestamp, the X-Ray trace id when there is one, then the fields), honouring the
 * log level Lambda's advanced logging controls set. A child is Powertools' own child logger
 * with the fields as persistent keys: its own copy, so nothing leaks between siblings or back
 * into the parent.
 */
export function createPowertoolsLogger({
  serviceName = "mcp-control-plane",
  level = "info",
  fields = {},
}: PowertoolsLoggerOptions = {}): Logger {
  return wrap(new PowertoolsLogger({ serviceName, logLevel: level, persistentKeys: prepared(fields) }));
}

function wrap(logger: PowertoolsLogger): Logger {
  return {
    debug: (message, fields = {}) => logger.debug(message, prepared(fields)),
    info: (message, fields = {}) => logger.info(message, prepared(fields)),
    warn: (message, fields = {}) => logger.warn(message, prepared(fields)),
    error: (message, fields = {}) => logger.error(message, prepared(fields)),
    child: (fields) => wrap(logger.createChild({ persistentKeys: prepared(fields) })),
  };
}
