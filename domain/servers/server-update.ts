import { badInput } from "../shared/errors.js";
import type { HeaderInput } from "../shared/http-headers.js";
import { type McpServer, takesCredential } from "./server.js";
import type { UpdateServerInput } from "./server-input.js";
import { checkServerShape } from "./server-rules.js";

/** What happens to one stored secret: a new value, the stored one, or none any more. */
export type SecretChange = { readonly set: string } | "keep" | "clear";

/** What an update does to a server, decided and checked before anything is sealed or written. */
export interface ServerUpdatePlan {
  /** The server's plain fields after the update; its secrets are decided apart. */
  readonly merged: McpServer;
  /** It moves to another origin: secrets and connections entered for the old one stay behind. */
  readonly moved: boolean;
  /** Where or how it is reached changed: it is UNKNOWN again until checked. */
  readonly reachChanged: boolean;
  readonly headers: readonly HeaderInput[] | "keep";
  readonly credential: SecretChange;
  readonly oauthClientSecret: SecretChange;
}

/** The fields that say where and how a server is reached (its secrets aside: any new one counts). */
const REACH_FIELDS = ["url", "transport", "authType", "authHeaderName", "oauthClientId", "oauthScopes", "isEnabled"] as const;

const changesReach = (current: McpServer, merged: McpServer, secretsGiven: unknown[]) =>
  REACH_FIELDS.some((field) => JSON.stringify(merged[field]) !== JSON.stringify(current[field])) ||
  secretsGiven.some((given) => given !== undefined);

const changeOf = (given: string | undefined, keeps: boolean): SecretChange =>
  given !== undefined ? { set: given } : keeps ? "keep" : "clear";

export function planServerUpdate(current: McpServer, input: UpdateServerInput): ServerUpdatePlan {
  const { expectedVersion: _expected, headers, credential, oauthClientSecret, ...changes } = input;
  const merged = merge(current, changes);
  const moved = changes.url !== undefined && new URL(changes.url).origin !== new URL(current.url).origin;
  if (moved) assertSecretsGivenAgain(current, merged, headers, credential);
  const keepsCredential = takesCredential(merged.authType) && current.credential !== null && !moved;
  const keepsOauthSecret = merged.authType === "OAUTH2" && current.oauthClientSecret !== null && !moved;
  // A generated server's shape is its connector's (a TOKEN one takes its credential fields from connections).
  if (!current.connector)
    checkServerShape({
      ...merged,
      headerNames: (headers ?? current.headers).map((header) => header.name),
      hasCredential: credential !== undefined || keepsCredential,
      credential,
      hasOauthClientSecret: oauthClientSecret !== undefined || keepsOauthSecret,
    });
  const reachChanged = changesReach(current, merged, [headers, credential, oauthClientSecret]);
  return {
    merged,
    moved,
    reachChanged,
    headers: headers ?? "keep",
    credential: changeOf(credential, keepsCredential),
    oauthClientSecret: changeOf(oauthClientSecret, keepsOauthSecret),
  };
}

/** The plain fields after the update. Leaving OAUTH2 drops its client configuration (unless this very update sets it, which is refused). */
function merge(current: McpServer, changes: Partial<McpServer>): McpServer {
  const leavesOAuth = current.authType === "OAUTH2" && changes.authType !== undefined && changes.authType !== "OAUTH2";
  return { ...current, ...(leavesOAuth ? { oauthClientId: null, oauthScopes: null } : {}), ...changes };
}

/** Secrets entered for one host never follow the server to another: they must be given again. */
function assertSecretsGivenAgain(current: McpServer, merged: McpServer, headers?: readonly HeaderInput[], credential?: string): void {
  if (merged.authType === "TOKEN" && credential === undefined) {
    throw badInput("credential", "must be given again when the server moves to another origin");
  }
  if (current.headers.length > 0 && (!headers || headers.some((header) => header.value === undefined))) {
    throw badInput("headers", "must be given again, with their values, when the server moves to another origin");
  }
}
