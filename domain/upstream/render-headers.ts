import type { Connection } from "../connections/connection.js";
import type { ConnectionResolution } from "../connections/resolve-connection.js";
import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { breaksHeaderLine } from "../shared/text.js";
import { JWT_TOKEN_TEMPLATE } from "./jwt-template.js";

export interface RenderContext {
  /** JWT_PASSTHROUGH: the embedded chat's verified JWT, which `%{jwt_token}` becomes. */
  embeddedJwt?: string;
  /** SIGNED_IDENTITY: the identity token minted for this request. */
  identityToken?: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

type Header = readonly [name: string, value: string];

/**
 * The headers of an outbound MCP request: the server's headers, then the connection's extra
 * headers (replacing same-named ones), then the auth header, which replaces any header of its
 * name. On a JWT_PASSTHROUGH server, and only there, `%{jwt_token}` in those values (and in its
 * credential) becomes the embedded chat's verified JWT; everywhere else values are sent exactly
 * as stored, a stored `%{jwt_token}` included.
 */
export class HeaderRenderer {
  constructor(private readonly secrets: Secrets) {}

  async render(server: McpServer, resolution: ConnectionResolution, context: RenderContext = {}): Promise<Record<string, string>> {
    const { connection } = resolution;
    const expand = templating(server, context);
    const serverHeaders = await this.secrets.openHeaders(secretSlots.server(server.tenantId, server.id).headers, server.headers);
    const connectionHeaders = connection
      ? await this.secrets.openHeaders(secretSlots.connection(connection.tenantId, connection.id).headers, connection.extraHeaders)
      : [];
    const auth = await this.authHeader(server, resolution, expand, context);
    const headers = new Map<string, Header>();
    for (const [name, value] of [...serverHeaders, ...connectionHeaders].map(([name, value]) => [name, expand(value)] as const)) {
      put(headers, name, value);
    }
    if (auth) put(headers, auth[0], auth[1]);
    return Object.fromEntries([...headers.values()]);
  }

  /** A connection's connector credential fields, opened (a generated server renders its own headers from them). */
  openFields(connection: Connection): Promise<Array<readonly [string, string]>> {
    return this.secrets.openHeaders(secretSlots.connection(connection.tenantId, connection.id).fields, connection.fields ?? []);
  }

  /** The header that says who calls, by the server's auth type; it replaces any header of its name. */
  private authHeader(server: McpServer, resolution: ConnectionResolution, expand: (value: string) => string, context: RenderContext) {
    if (server.authType === "SIGNED_IDENTITY") {
      if (!context.identityToken) throw new Error("A signed identity server needs the token minted for the request");
      return Promise.resolve<Header>([server.authHeaderName, `Bearer ${context.identityToken}`]);
    }
    if (server.authType === "JWT_PASSTHROUGH") return this.passthroughHeader(server, resolution.connection, expand);
    return this.storedCredentialHeader(server, resolution);
  }

  /** The server's credential is its template (`Bearer %{jwt_token}`); without one, the JWT after the connection's scheme. */
  private async passthroughHeader(server: McpServer, connection: Connection | null, expand: (value: string) => string): Promise<Header> {
    if (server.credential) return [server.authHeaderName, expand(await this.serverCredential(server))];
    const scheme = connection?.authorizationScheme ?? "Bearer";
    return [connection?.headerName ?? server.authHeaderName, `${scheme} ${expand(JWT_TOKEN_TEMPLATE)}`];
  }

  private async storedCredentialHeader(server: McpServer, { source, connection }: ConnectionResolution): Promise<Header | undefined> {
    if (connection?.credential) return [connection.headerName, await this.connectionCredential(connection)];
    if (source === "SERVER_CREDENTIAL" && server.credential) return [server.authHeaderName, await this.serverCredential(server)];
    return undefined;
  }

  private serverCredential(server: McpServer): Promise<string> {
    return this.secrets.open(secretSlots.server(server.tenantId, server.id).credential, server.credential!);
  }

  /** The connection's credential as its header value: after its scheme, if it has one. */
  private async connectionCredential(connection: Connection): Promise<string> {
    const credential = await this.secrets.open(
      secretSlots.connection(connection.tenantId, connection.id).credential,
      connection.credential!,
    );
    return connection.authorizationScheme ? `${connection.authorizationScheme} ${credential}` : credential;
  }
}

/** `%{jwt_token}` -> the embedded JWT on a JWT passthrough server; values unchanged anywhere else. */
function templating(server: McpServer, { embeddedJwt }: RenderContext): (value: string) => string {
  if (server.authType !== "JWT_PASSTHROUGH") return (value) => value;
  if (!embeddedJwt || !JWT.test(embeddedJwt)) throw new Error("JWT passthrough needs the embedded chat's verified token");
  return (value) => value.split(JWT_TOKEN_TEMPLATE).join(embeddedJwt);
}

function put(headers: Map<string, Header>, name: string, value: string): void {
  // Validated on input; checked again so a header line can never be split, whatever was stored.
  if (breaksHeaderLine(value)) throw new Error(`Refusing to send header ${name}: it contains a line break`);
  headers.set(name.toLowerCase(), [name, value]);
}
