import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback server speaking the KMS JSON protocol (`X-Amz-Target: TrentService.*`), for the
 * real @aws-sdk/client-kms to talk to: no KMS emulator runs here. It wraps data keys under a
 * master key of its own, checks the encryption context like KMS does, counts requests, and can
 * throttle or fail on demand.
 */
export async function startKmsServer(keyId = "test-key") {
  const master = randomBytes(32);
  const calls: string[] = [];
  let throttleNext = 0;
  let outage = false;

  const wrap = (plaintext: Buffer, context: unknown) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", master, iv).setAAD(Buffer.from(JSON.stringify(sortKeys(context))));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from(keyId.padEnd(16).slice(0, 16)), iv, cipher.getAuthTag(), data]);
  };
  const unwrap = (blob: Buffer, context: unknown) => {
    const decipher = createDecipheriv("aes-256-gcm", master, blob.subarray(16, 28))
      .setAAD(Buffer.from(JSON.stringify(sortKeys(context))))
      .setAuthTag(blob.subarray(28, 44));
    return Buffer.concat([decipher.update(blob.subarray(44)), decipher.final()]);
  };

  const operations: Record<string, (body: any) => object> = {
    GenerateDataKey: (body) => {
      if (body.KeyId !== keyId) throw kmsError(400, "NotFoundException", `Key ${body.KeyId} does not exist`);
      const plaintext = randomBytes(32);
      return {
        KeyId: keyId,
        Plaintext: plaintext.toString("base64"),
        CiphertextBlob: wrap(plaintext, body.EncryptionContext ?? {}).toString("base64"),
      };
    },
    Decrypt: (body) => {
      try {
        return {
          KeyId: keyId,
          Plaintext: unwrap(Buffer.from(body.CiphertextBlob, "base64"), body.EncryptionContext ?? {}).toString("base64"),
        };
      } catch {
        throw kmsError(400, "InvalidCiphertextException", "");
      }
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const operation = String(request.headers["x-amz-target"] ?? "").replace("TrentService.", "");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    calls.push(operation);
    const send = (status: number, body: object, type?: string) => {
      response.writeHead(status, { "content-type": "application/x-amz-json-1.1", ...(type ? { "x-amzn-errortype": type } : {}) });
      response.end(JSON.stringify(body));
    };
    if (outage) return send(500, { __type: "KMSInternalException", message: "internal failure" }, "KMSInternalException");
    if (throttleNext > 0) {
      throttleNext -= 1;
      return send(400, { __type: "ThrottlingException", message: "Rate exceeded" }, "ThrottlingException");
    }
    const handler = operations[operation];
    if (!handler) return send(400, { __type: "UnsupportedOperationException", message: operation }, "UnsupportedOperationException");
    try {
      send(200, handler(JSON.parse(Buffer.concat(chunks).toString() || "{}")));
    } catch (error) {
      const { status, type, message } = error as { status: number; type: string; message: string };
      send(status ?? 500, { __type: type ?? "KMSInternalException", message }, type);
    }
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    keyId,
    calls,
    count: (operation: string) => calls.filter((call) => call === operation).length,
    throttle: (times: number) => {
      throttleNext = times;
    },
    setOutage: (down: boolean) => {
      outage = down;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type KmsServer = Awaited<ReturnType<typeof startKmsServer>>;

const kmsError = (status: number, type: string, message: string) => Object.assign(new Error(message), { status, type });
const sortKeys = (value: unknown) =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
