import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadOrCreateSigningKey } from "../../adapters/auth/local-signing-key.js";
import { callerFromClaims } from "../../domain/shared/caller.js";
import { loadConfig } from "../config.js";
import { exitWithFix } from "../local/fixable-error.js";

/**
 * `npm run -s token -- --tenant T --user U [--role admin] [--agent A] [--ttl 3600]`: the token alone on stdout (`-s` keeps
 * npm's own "> script" lines off it), and on stderr which key of which data dir signed it.
 */
const USAGE = "usage: npm run -s token -- --tenant <tenant> --user <user> [--role admin]... [--agent <agent>] [--ttl <seconds>]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      tenant: { type: "string" },
      user: { type: "string" },
      role: { type: "string", multiple: true },
      agent: { type: "string" },
      ttl: { type: "string" },
      help: { type: "boolean" },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.tenant || !values.user) fail("--tenant and --user are required");
const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) fail("--ttl must be a positive number of seconds");

const claims = { tenant: values.tenant, sub: values.user, roles: values.role ?? [], ...(values.agent ? { agent: values.agent } : {}) };
try {
  callerFromClaims(claims);
} catch {
  fail("the tenant, user, role or agent has characters a token may not carry");
}
const dataDir = resolve(loadConfig().DATA_DIR);
const signingKey = await loadOrCreateSigningKey(dataDir).catch(exitWithFix);
const made = signingKey.created ? "a new key" : "key";
process.stderr.write(`Signed with ${made} ${signingKey.kid} (${signingKey.path}): trusted by npm start with DATA_DIR=${dataDir}\n`);
process.stdout.write(`${await signingKey.sign(claims, ttl)}\n`);
