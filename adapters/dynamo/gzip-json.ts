import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A JSON value as gzip'd bytes, for a binary attribute (large values, and keys a DynamoDB map cannot hold as data). */
export const packJson = async (value: unknown): Promise<Uint8Array> => gzipAsync(JSON.stringify(value));

/** The value packJson stored. JSON.parse keeps every key as data, `__proto__` included. */
export const unpackJson = async <T>(bytes: Uint8Array): Promise<T> => JSON.parse((await gunzipAsync(bytes)).toString("utf8")) as T;
