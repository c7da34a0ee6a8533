import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentClient } from "../../../adapters/dynamo/client.js";
import { DynamoReplyBox } from "../../../adapters/dynamo/reply-box.js";
import { systemClock } from "../../../domain/ports/clock.js";
import { DYNAMO_TARGETS, type TestTable } from "../../support/dynamo.js";

describe.each(DYNAMO_TARGETS)("DynamoReplyBox on $name", ({ start }) => {
  let table: TestTable;
  // Two boxes on one table: two processes, one waiting, the other receiving the client's reply.
  let waiting: DynamoReplyBox;
  let receiving: DynamoReplyBox;
  beforeAll(async () => {
    table = await start();
    waiting = new DynamoReplyBox(documentClient(table.dynamo), table.tableName, systemClock, 50);
    receiving = new DynamoReplyBox(documentClient(table.dynamo), table.tableName, systemClock, 50);
  });
  afterAll(() => table.close());

  it("hands an answer delivered in another process to the one waiting, exactly once", async () => {
    const taken = waiting.take("acme", "k1", { timeoutMs: 5_000 });
    await receiving.deliver("acme", "k1", { result: { action: "accept" } });
    expect(await taken).toEqual({ result: { action: "accept" } });
    expect(await waiting.take("acme", "k1", { timeoutMs: 100 })).toBeUndefined();
  });

  it("keeps tenants apart and gives up at the timeout", async () => {
    await receiving.deliver("globex", "k2", "theirs");
    expect(await waiting.take("acme", "k2", { timeoutMs: 150 })).toBeUndefined();
    expect(await waiting.take("globex", "k2", { timeoutMs: 150 })).toBe("theirs");
  });

  it("stops waiting when the request goes away", async () => {
    const gone = new AbortController();
    const taken = waiting.take("acme", "k3", { timeoutMs: 10_000, signal: gone.signal });
    gone.abort();
    expect(await taken).toBeUndefined();
  });
});
