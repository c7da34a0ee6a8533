import type { LogFields, Logger } from "../../domain/ports/logger.js";
import { redactFields } from "./redaction.js";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Where lines go; stdout by default, a list in tests that scan logs for secrets. */
  write?: (line: string) => void;
  fields?: LogFields;
}

/** One JSON object per line, with the bound fields (request id, tenant, caller) on each. */
export function createJsonLogger({
  level = "info",
  write = (line) => process.stdout.write(line + "\n"),
  fields = {},
}: JsonLoggerOptions = {}): Logger {
  const emit =
    (lineLevel: LogLevel) =>
    (message: string, extra: LogFields = {}) => {
      if (LEVELS[lineLevel] < LEVELS[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, message, ...redactFields({ ...fields, ...extra }) }));
    };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    child: (more) => createJsonLogger({ level, write, fields: { ...fields, ...more } }),
  };
}
