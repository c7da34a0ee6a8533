import { badInput } from "../shared/errors.js";
import type { HeaderInput } from "../shared/http-headers.js";
import { type McpServer, takesCredential } from "./server.js";
import type { UpdateServerInput } from "./server-input.js";
import { checkServerShape } from "./server-rules.js";
import { givenQuery, maskedUrl, queryOf } from "./url-query.js";

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
  readonly urlQuery: SecretChange;
}

/** The fields that say where and how a server is reached (its secrets aside: any new one counts). */
const REACH_FIELDS = ["url", "transport", "authType", "authHeaderName", "oauthClientId", "oauthScopes", "isEnabled"] as const;

const changesReach = (current: McpServer, merged: McpServer, secretsGiven: unknown[]) =>
  REACH_FIELDS.some((field) => JSON.stringify(merged[field]) !== JSON.stringify(current[field])) ||
  secretsGiven.some((given) => given !== undefined);

const changeOf = (given: string | undefined, keeps: boolean): SecretChange =>
  given !== undefined ? { set: given } : keeps ? "keep" : "clear";

export function planServerUpdate(current: McpServer, input: UpdateServerInput): ServerUpdatePlan {
  const { expectedVersion: _expected, headers, credential, oauthClientSecret, url, ...changes } = input;
  const { moved, urlQuery, ...addressChanges } = url === undefined ? unmoved : addressAfter(current, url);
  const merged = merge(current, { ...changes, ...addressChanges });
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
  const reachChanged = changesReach(current, merged, [headers, credential, oauthClientSecret, givenIn(urlQuery)]);
  return {
    merged,
    moved,
    reachChanged,
    headers: headers ?? "keep",
    credential: changeOf(credential, keepsCredential),
    oauthClientSecret: changeOf(oauthClientSecret, keepsOauthSecret),
    urlQuery,
  };
}

interface AddressChange {
  readonly moved: boolean;
  readonly urlQuery: SecretChange;
  readonly url?: string;
  readonly protocol?: null;
}

const unmoved: AddressChange = { moved: false, urlQuery: "keep" };

const givenIn = (change: SecretChange) => (typeof change === "object" ? change.set : undefined);

/**
 * A new URL, stored masked, and what becomes of its sealed query. The query as it was read
 * (masked) keeps the sealed one, so an admin edits other fields without typing the key again;
 * any other query replaces it. Like every secret, it does not follow the server to another origin.
 */
function addressAfter(current: McpServer, url: string): AddressChange {
  const moved = new URL(url).origin !== new URL(current.url).origin;
  const keeps = !!current.urlQuery && !moved && queryOf(url) === queryOf(current.url);
  // A kept query is given masked already.
  const stored = keeps ? url : maskedUrl(url);
  const given = keeps ? null : givenQuery(url);
  return {
    moved,
    urlQuery: keeps ? "keep" : given === null ? "clear" : { set: given },
    url: stored,
    // What the server speaks was learnt at its old URL.
    ...(stored === current.url ? {} : { protocol: null }),
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
