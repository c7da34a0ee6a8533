import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { publicRoute } from "../../functions/http/public-routes.js";
import { serveFetch } from "../../functions/http/serve-fetch.js";
import type { TestApi } from "./test-api.js";

/** The test API's public endpoints (JWKS, OAuth callback) on a loopback socket, as the Public Lambda serves them. */
export async function servePublicEndpoints(api: TestApi) {
  const route = publicRoute(api);
  const server = createServer(
    (request, response) =>
      void serveFetch(request, response, async (fetchRequest) => (await route(fetchRequest)) ?? new Response(null, { status: 404 })),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
