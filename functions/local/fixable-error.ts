import { basename } from "node:path";
import { MalformedKeyFileError } from "../../adapters/malformed-key-file.js";

/** A failure a newcomer can fix: printed as one line that says how, with no stack trace. */
export class FixableError extends Error {
  override name = "FixableError";
}

/** What to do about each key file of the data dir when it cannot be read. */
const KEY_FILE_FIXES: Record<string, string> = {
  "auth-key.json": "delete it and a new key is made (tokens signed with the old one stop working)",
  "master.key":
    "restore it from a backup: the credentials stored in this data dir were sealed under it (or move the data dir aside to start afresh)",
};

/** The one line to print for a failure a person can fix, or undefined for a bug (which keeps its stack trace). */
export function explainFailure(error: unknown): string | undefined {
  if (error instanceof FixableError) return error.message;
  if (error instanceof MalformedKeyFileError) {
    const fix = KEY_FILE_FIXES[basename(error.path)] ?? "restore it or delete it";
    return `${error.path} is not a valid key (${error.reason.split("\n")[0]}): ${fix}.`;
  }
  return undefined;
}

/** Ends the process with the failure's one line (exit code 1), or rethrows what is not a fixable failure. */
export function exitWithFix(error: unknown): never {
  const line = explainFailure(error);
  if (line === undefined) throw error;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
