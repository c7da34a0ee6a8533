import type { McpServer } from "../servers/server.js";
import { badInput } from "../shared/errors.js";
import { authHeaderClash } from "../shared/http-headers.js";

/** What a connection will carry, checked against how its server authenticates. */
export interface CredentialShape {
  authorizationScheme: string | null;
  /** The credential this write supplies, if any. */
  credential?: string;
  headerName: string;
  extraHeaders: ReadonlyArray<{ name: string }>;
  /** Whether the connection will hold a credential (given now, or kept). */
  hasCredential: boolean;
}

export function checkCredentialShape(server: McpServer, shape: CredentialShape): void {
  for (const rule of CREDENTIAL_RULES) rule(server, shape);
}

const CREDENTIAL_RULES: ReadonlyArray<(server: McpServer, shape: CredentialShape) => void> = [
  function oauthConnectsPerUser({ authType }, { credential }) {
    if (authType !== "OAUTH2") return;
    throw badInput(
      credential !== undefined ? "credential" : "serverId",
      "OAuth servers are connected per user with startOAuth, not with a token",
    );
  },
  function identityServersTakeNoStoredToken({ authType }, { credential }) {
    if (credential === undefined) return;
    if (authType === "JWT_PASSTHROUGH") throw badInput("credential", "a JWT passthrough server is sent the embedded chat's token");
    if (authType === "SIGNED_IDENTITY")
      throw badInput("credential", "a signed identity server is sent a token the platform signs per call");
  },
  function tokenServersNeedACredential({ authType }, { hasCredential, authorizationScheme }) {
    if (authType === "TOKEN" && !hasCredential) throw badInput("credential", "is required for a TOKEN server");
    if (authorizationScheme && !hasCredential && authType !== "JWT_PASSTHROUGH") {
      throw badInput("authorizationScheme", "needs a credential to go with it");
    }
  },
  function authHeaderSetThroughCredential(_server, { extraHeaders, headerName }) {
    const clash = authHeaderClash(
      extraHeaders.map((header) => header.name),
      headerName,
    );
    if (clash >= 0) throw badInput(`extraHeaders.${clash}.name`, "is the auth header; set it through the credential");
  },
  function fitsOneHeaderLine(_server, { credential, authorizationScheme }) {
    if (credential !== undefined && (authorizationScheme?.length ?? 0) + credential.length > 8190)
      throw badInput("credential", "is too long");
  },
];
