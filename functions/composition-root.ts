import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../adapters/dynamo/client.js";
import { DynamoConnectionStore } from "../adapters/dynamo/connection-store.js";
import { DynamoServerStore } from "../adapters/dynamo/server-store.js";
import { ConnectionService } from "../domain/connections/connection-service.js";
import { HeaderRenderer } from "../domain/connections/render-headers.js";
import type { Authenticate } from "../domain/ports/authenticator.js";
import { type Clock, systemClock } from "../domain/ports/clock.js";
import type { Logger } from "../domain/ports/logger.js";
import type { SecretCipher } from "../domain/ports/secret-cipher.js";
import { ServerRegistry } from "../domain/servers/server-registry.js";
import type { Services } from "../graphql/context.js";
import { createGraphQLServer } from "../graphql/yoga.js";

/** The parts that differ between the local server, Lambda and tests; everything else is wired here once. */
export interface Infrastructure {
  dynamo: DynamoDBClient;
  tableName: string;
  cipher: SecretCipher;
  authenticate: Authenticate;
  logger: Logger;
  clock?: Clock;
}

export interface ApiOptions {
  graphiql: boolean;
  renderGraphiQL?: (options?: object) => string;
  introspection: boolean;
  maxBodyBytes: number;
}

export function createServices({ dynamo, tableName, cipher, clock = systemClock }: Infrastructure): Services {
  const db = documentClient(dynamo);
  const connectionStore = new DynamoConnectionStore(db, tableName);
  const servers = new ServerRegistry({ store: new DynamoServerStore(db, tableName), connections: connectionStore, cipher, clock });
  const connections = new ConnectionService({ store: connectionStore, servers, cipher, clock });
  return { servers, connections, headers: new HeaderRenderer(cipher) };
}

export function createApi(infrastructure: Infrastructure, options: ApiOptions) {
  const services = createServices(infrastructure);
  const yoga = createGraphQLServer({ ...options, services, authenticate: infrastructure.authenticate, logger: infrastructure.logger });
  return { services, yoga };
}
