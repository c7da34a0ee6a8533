import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FixableError } from "./fixable-error.js";

/** Listens on host:port and resolves with the port bound (PORT=0 picks one); a port already taken is a fixable failure. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  try {
    await new Promise<void>((listening, failed) => {
      server.once("error", failed);
      server.listen(port, host, listening);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new FixableError(
        `Port ${port} on ${host} is in use (another npm start?): stop that process, or pick another port, e.g. PORT=${port + 1} npm start.`,
      );
    }
    if (code === "EADDRNOTAVAIL") throw new FixableError(`HOST=${host} is not an address of this machine: use HOST=127.0.0.1.`);
    throw error;
  }
  return (server.address() as AddressInfo).port;
}
