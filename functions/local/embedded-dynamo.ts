import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { FixableError } from "./fixable-error.js";

export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * dynalite opens its LevelDB lazily and, when that fails, throws "Database is closed" from inside its
 * first request, with the cause lost. Opening it once first, with dynalite's own LevelDB, tells why.
 */
async function probeLevelDb(path: string): Promise<void> {
  const { Level } = createRequire(import.meta.resolve("dynalite"))("level") as { Level: new (path: string) => LevelDatabase };
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new FixableError(
      `The database in ${path} cannot be opened (${cause.split("\n")[0]}): move the data dir aside and start afresh, e.g. mv .data .data-broken (or set DATA_DIR to another folder).`,
    );
  }
  await db.close();
}

/**
 * dynalite on loopback: DynamoDB's API in-process, persisted under `path` (in memory without it).
 * It has no transactions, TTL or streams; the store does not rely on them.
 */
export async function startEmbeddedDynamo(path?: string): Promise<EmbeddedDynamo> {
  if (path) await probeLevelDb(path);
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
