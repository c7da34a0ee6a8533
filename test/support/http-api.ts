import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { serveGraphQLOverWebSocket } from "../../functions/local/graphql-ws.js";
import { isMcpPath } from "../../functions/http/mcp-paths.js";
import { serveFetch } from "../../functions/http/serve-fetch.js";
import { startTestApi, type TestApi, type TestApiOptions } from "./test-api.js";

/** The test API on a real loopback socket: GraphQL with graphql-ws subscriptions, and the MCP endpoint, as the local server serves them. */
export async function serveOverHttp(api: TestApi) {
  const server = createServer((request, response) => {
    if (isMcpPath(new URL(request.url ?? "/", "http://localhost").pathname)) {
      return void serveFetch(
        request,
        response,
        async (fetchRequest) => (await api.mcpEndpoint(fetchRequest)) ?? new Response(null, { status: 404 }),
      );
    }
    void api.yoga(request, response);
  });
  const subscriptions = serveGraphQLOverWebSocket(server, api.yoga, api.authenticate, api.clock);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const clients: Client[] = [];
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    origin: `http://127.0.0.1:${port}`,
    wsClient(connectionParams: Record<string, unknown>) {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map(async (client) => client.dispose()));
      await subscriptions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A test API served over loopback HTTP (GraphQL and the MCP endpoint), closed together. */
export async function startServedApi(options: TestApiOptions = {}) {
  const api = await startTestApi(options);
  const http = await serveOverHttp(api);
  return {
    api,
    origin: http.origin,
    close: async () => {
      await http.close();
      await api.close();
    },
  };
}
