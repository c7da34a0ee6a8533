import { badInput } from "../shared/errors.js";
import { authHeaderClash } from "../shared/http-headers.js";
import { JWT_TOKEN_TEMPLATE } from "../upstream/jwt-template.js";
import { type ServerAuthType, sendsIdentity, takesCredential, type Transport, type Visibility } from "./server.js";
import { urlSchemeProblem } from "./server-url.js";
import { deriveSlug, slugSchema } from "./slug.js";

/** The rules that span several fields, checked on the server as it will be stored. */
export interface ServerShape {
  url: string;
  transport: Transport;
  authType: ServerAuthType;
  visibility: Visibility;
  isFeatured: boolean;
  authHeaderName: string;
  headerNames: readonly string[];
  hasCredential: boolean;
  /** The credential this write supplies, if any. */
  credential?: string;
  oauthClientId: string | null;
  hasOauthClientSecret: boolean;
  oauthScopes: readonly string[] | null;
}

export function checkServerShape(shape: ServerShape): void {
  for (const rule of SHAPE_RULES) rule(shape);
}

const SHAPE_RULES: ReadonlyArray<(shape: ServerShape) => void> = [
  function urlFitsTransportAndAuth({ url, transport, authType }) {
    const schemeProblem = urlSchemeProblem(url, transport);
    if (schemeProblem) throw badInput("url", schemeProblem);
    if (sendsIdentity(authType) && !carriesTokensSafely(url)) {
      throw badInput("url", `must use https (or wss) for ${authType}: a user's token is sent to it`);
    }
  },
  function onlySharedServersAreFeatured({ isFeatured, visibility }) {
    if (isFeatured && visibility !== "SHARED") throw badInput("isFeatured", "only shared servers can be featured");
  },
  function credentialFitsAuthType({ authType, hasCredential, credential }) {
    if (authType === "TOKEN" && !hasCredential) throw badInput("credential", "is required for TOKEN servers");
    if (credential === undefined) return;
    if (!takesCredential(authType))
      throw badInput("credential", "is only accepted for TOKEN servers (and as a template for JWT_PASSTHROUGH)");
    if (authType === "JWT_PASSTHROUGH" && !credential.includes(JWT_TOKEN_TEMPLATE)) {
      throw badInput(
        "credential",
        `must contain ${JWT_TOKEN_TEMPLATE}, which becomes the embedded chat's JWT (e.g. "Bearer ${JWT_TOKEN_TEMPLATE}")`,
      );
    }
  },
  function oauthSettingsOnlyForOAuth(shape) {
    if (shape.authType !== "OAUTH2") {
      for (const field of ["oauthClientId", "oauthScopes"] as const)
        if (shape[field] !== null) throw badInput(field, "is only for OAUTH2 servers");
      if (shape.hasOauthClientSecret) throw badInput("oauthClientSecret", "is only for OAUTH2 servers");
    }
    if (shape.hasOauthClientSecret && !shape.oauthClientId) throw badInput("oauthClientSecret", "needs an oauthClientId");
  },
  function authHeaderSetThroughCredential({ authType, headerNames, authHeaderName }) {
    const clash = authType === "NONE" ? -1 : authHeaderClash(headerNames, authHeaderName);
    if (clash >= 0) throw badInput(`headers.${clash}.name`, "is the auth header; set it through the credential");
  },
];

/** The slug a new server gets: the one asked for, else one derived from its name. */
export function slugFor(name: string, requested: string | undefined): string {
  if (requested) return requested;
  const derived = deriveSlug(name);
  if (!derived) throw badInput("name", "must contain letters or digits (the server's slug is derived from it)");
  const checked = slugSchema.safeParse(derived);
  if (!checked.success) throw badInput("name", `gives the slug "${derived}", which ${checked.error.issues[0]!.message}; choose a slug`);
  return derived;
}

/** TLS, or a loopback host (a server on the same machine, for local use). */
function carriesTokensSafely(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || protocol === "wss:" || hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");
}

/** What a connector's descriptor decides for its generated server; admins still set enabled, featured, agent access and caching. */
const SET_BY_CONNECTOR = [
  "name",
  "slug",
  "url",
  "description",
  "transport",
  "authType",
  "visibility",
  "headers",
  "credential",
  "authHeaderName",
  "oauthClientId",
  "oauthClientSecret",
  "oauthScopes",
] as const;

export function assertNotSetByConnector(input: Partial<Record<(typeof SET_BY_CONNECTOR)[number], unknown>>): void {
  const field = SET_BY_CONNECTOR.find((name) => input[name] !== undefined);
  if (field) throw badInput(field, "is set by the server's connector descriptor; update the connector instead");
}
