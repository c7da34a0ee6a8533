import type { SecretCipher } from "../ports/secret-cipher.js";
import { headerField } from "../secrets/sealed-headers.js";
import type { SealedSecret } from "../secrets/sealed-secret.js";
import { CREDENTIAL_FIELD, type McpServer, type ServerHeader, serverRecord } from "../servers/server.js";
import { breaksHeaderLine } from "../shared/text.js";
import { connectionRecord } from "./connection.js";
import type { ConnectionResolution } from "./resolve-connection.js";

export interface RenderContext {
  /** JWT_PASSTHROUGH: the caller's own bearer token, sent on to the server. */
  callerJwt?: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The headers of an outbound MCP request: the server's headers, then the connection's extra
 * headers (replacing same-named ones), then the auth header, which replaces any header of its
 * name. Values are sent exactly as stored: nothing is templated, so a stored `%{jwt_token}`
 * stays literal and only JWT_PASSTHROUGH, from the caller's verified token, sends a JWT.
 */
export class HeaderRenderer {
  constructor(private readonly cipher: SecretCipher) {}

  async render(server: McpServer, resolution: ConnectionResolution, context: RenderContext = {}): Promise<Record<string, string>> {
    const headers = new Map<string, [string, string]>();
    const put = (name: string, value: string) => {
      // Validated on input; checked again so a header line can never be split, whatever was stored.
      if (breaksHeaderLine(value)) throw new Error(`Refusing to send header ${name}: it contains a line break`);
      headers.set(name.toLowerCase(), [name, value]);
    };
    const open = (secret: SealedSecret, record: string, field: string) =>
      this.cipher.decrypt(secret.ciphertext, { tenant: server.tenantId, record, field });
    const openAll = (list: readonly ServerHeader[], record: string) =>
      Promise.all(list.map(async (header) => [header.name, await open(header.value, record, headerField(header.name))] as const));

    for (const [name, value] of await openAll(server.headers, serverRecord(server.id))) put(name, value);
    const { connection } = resolution;
    if (connection) {
      for (const [name, value] of await openAll(connection.extraHeaders, connectionRecord(connection.id))) put(name, value);
    }

    const auth = await this.authHeader(server, resolution, context, open);
    if (auth) put(auth[0], auth[1]);
    return Object.fromEntries([...headers.values()]);
  }

  private async authHeader(
    server: McpServer,
    { source, connection }: ConnectionResolution,
    { callerJwt }: RenderContext,
    open: (secret: SealedSecret, record: string, field: string) => Promise<string>,
  ): Promise<[string, string] | undefined> {
    const name = connection?.headerName ?? server.authHeaderName;
    if (server.authType === "JWT_PASSTHROUGH") {
      if (!callerJwt || !JWT.test(callerJwt)) throw new Error("JWT passthrough needs the caller's token");
      return [name, `${connection?.authorizationScheme ?? "Bearer"} ${callerJwt}`];
    }
    if (connection?.credential) {
      const credential = await open(connection.credential, connectionRecord(connection.id), CREDENTIAL_FIELD);
      return [name, connection.authorizationScheme ? `${connection.authorizationScheme} ${credential}` : credential];
    }
    if (source === "SERVER_CREDENTIAL" && server.credential) {
      return [server.authHeaderName, await open(server.credential, serverRecord(server.id), CREDENTIAL_FIELD)];
    }
    return undefined;
  }
}
