import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createJsonLogger } from "../../adapters/logging/json-logger.js";
import { loadConfig } from "../config.js";
import { composeLocal } from "./compose-local.js";

/** `npm start`: the service on loopback with embedded stand-ins, until Ctrl-C or SIGTERM. */
const config = loadConfig();
const logger = createJsonLogger({ level: config.LOG_LEVEL });
const local = await composeLocal(config, logger);
const server = createServer(local.yoga);
await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));

const { port } = server.address() as AddressInfo;
const url = `http://${config.HOST}:${port}/graphql`;
const token = await local.signingKey.sign({ tenant: "demo", sub: "admin", roles: ["admin"] });
console.log(`
MCP connector control plane is running.
  GraphiQL:      ${url}
  Admin token (tenant "demo", 12 hours):
${token}

Paste it in GraphiQL under Headers as {"Authorization": "Bearer <token>"}; more tokens: npm run token -- --help
`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", { signal });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await local.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
