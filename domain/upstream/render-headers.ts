import { secretSlots } from "../secrets/secret-slots.js";
import type { Secrets } from "../secrets/secrets.js";
import type { McpServer } from "../servers/server.js";
import { breaksHeaderLine } from "../shared/text.js";
import type { Connection } from "../connections/connection.js";
import type { ConnectionResolution } from "../connections/resolve-connection.js";

export interface RenderContext {
  /** JWT_PASSTHROUGH: the caller's own bearer token, sent on to the server. */
  callerJwt?: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Header = readonly [name: string, value: string];

/**
 * The headers of an outbound MCP request: the server's headers, then the connection's extra
 * headers (replacing same-named ones), then the auth header, which replaces any header of its
 * name. Values are sent exactly as stored: nothing is templated, so a stored `%{jwt_token}`
 * stays literal and only JWT_PASSTHROUGH, from the caller's verified token, sends a JWT.
 */
export class HeaderRenderer {
  constructor(private readonly secrets: Secrets) {}

  async render(server: McpServer, resolution: ConnectionResolution, context: RenderContext = {}): Promise<Record<string, string>> {
    const { connection } = resolution;
    const serverHeaders = await this.secrets.openHeaders(secretSlots.server(server.tenantId, server.id).headers, server.headers);
    const connectionHeaders = connection
      ? await this.secrets.openHeaders(secretSlots.connection(connection.tenantId, connection.id).headers, connection.extraHeaders)
      : [];
    const auth = await this.authHeader(server, resolution, context);
    const headers = new Map<string, Header>();
    for (const [name, value] of [...serverHeaders, ...connectionHeaders, ...(auth ? [auth] : [])]) {
      // Validated on input; checked again so a header line can never be split, whatever was stored.
      if (breaksHeaderLine(value)) throw new Error(`Refusing to send header ${name}: it contains a line break`);
      headers.set(name.toLowerCase(), [name, value]);
    }
    return Object.fromEntries([...headers.values()]);
  }

  private async authHeader(
    server: McpServer,
    { source, connection }: ConnectionResolution,
    { callerJwt }: RenderContext,
  ): Promise<Header | undefined> {
    const name = connection?.headerName ?? server.authHeaderName;
    if (server.authType === "JWT_PASSTHROUGH") {
      if (!callerJwt || !JWT.test(callerJwt)) throw new Error("JWT passthrough needs the caller's token");
      return [name, `${connection?.authorizationScheme ?? "Bearer"} ${callerJwt}`];
    }
    if (connection?.credential) return [name, await this.connectionCredential(connection)];
    if (source === "SERVER_CREDENTIAL" && server.credential) {
      return [server.authHeaderName, await this.secrets.open(secretSlots.server(server.tenantId, server.id).credential, server.credential)];
    }
    return undefined;
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
