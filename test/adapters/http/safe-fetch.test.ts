import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { OutboundGuard, type Resolver } from "../../../adapters/http/outbound-guard.js";
import { OutboundTooLargeError } from "../../../adapters/http/fetch-limits.js";
import { createSafeFetch } from "../../../adapters/http/safe-fetch.js";
import { startTrap } from "../../support/trap-server.js";

/** Names that resolve to loopback traps: if a guard ever let one through, it would land on a trap, never elsewhere. */
const resolverFor =
  (answers: Record<string, string[]>): Resolver =>
  async (name) =>
    (answers[name] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const traps: Array<Awaited<ReturnType<typeof startTrap>>> = [];
const trap = async (...args: Parameters<typeof startTrap>) => {
  const started = await startTrap(...args);
  traps.push(started);
  return started;
};
afterEach(async () => {
  await Promise.all(traps.splice(0).map((each) => each.close()));
});

describe("safeFetch", () => {
  it("refuses a name resolving to a disallowed address before connecting (the trap sees nothing)", async () => {
    const target = await trap();
    const safeFetch = createSafeFetch(
      new OutboundGuard({ allowLoopback: false, allowCidrs: [] }, resolverFor({ "internal.test": ["127.0.0.1"] })),
    );
    await expect(safeFetch(`http://internal.test:${target.port}/mcp`)).rejects.toThrow(
      "Outbound request refused: the server resolves to a loopback address",
    );
    expect(target.connections()).toBe(0);
  });

  it("leaves no listener on a signal its caller reuses for every request (as a pooled SDK client does)", async () => {
    const target = await trap();
    const safeFetch = createSafeFetch(
      new OutboundGuard({ allowLoopback: true, allowCidrs: [] }, resolverFor({ "tools.test": ["127.0.0.1"] })),
    );
    const shared = new AbortController().signal;
    for (let n = 0; n < 20; n++) await (await safeFetch(`http://tools.test:${target.port}/mcp`, { signal: shared })).text();
    expect(getEventListeners(shared, "abort")).toHaveLength(0);
  });

  it("connects to the checked address when the policy allows it", async () => {
    const target = await trap();
    const safeFetch = createSafeFetch(
      new OutboundGuard({ allowLoopback: true, allowCidrs: [] }, resolverFor({ "tools.test": ["127.0.0.1"] })),
    );
    const response = await safeFetch(`http://tools.test:${target.port}/mcp`);
    expect(await response.text()).toBe("trap");
    expect(target.requests[0]!.headers.host).toBe(`tools.test:${target.port}`);
  });

  it("opens loopback through OUTBOUND_ALLOW_CIDRS as it would a private range", async () => {
    const target = await trap();
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: false, allowCidrs: ["127.0.0.1/32"] }));
    expect((await safeFetch(`${target.url}/`)).status).toBe(200);
  });

  it("re-checks every redirect hop: a hop to a refused address never connects", async () => {
    const refusedHop = await trap("127.0.0.2");
    const first = await trap("127.0.0.1", (_request, response) => response.writeHead(302, { location: `${refusedHop.url}/stolen` }).end());
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: false, allowCidrs: ["127.0.0.1/32"] }));
    await expect(safeFetch(`${first.url}/start`)).rejects.toThrow(/Outbound request refused/);
    expect(first.connections()).toBe(1);
    expect(refusedHop.connections()).toBe(0);
  });

  it("re-resolves a redirect to a name, refusing it before connecting", async () => {
    const hidden = await trap("127.0.0.3");
    const first = await trap("127.0.0.1", (_request, response) =>
      response.writeHead(307, { location: `http://rebind.test:${hidden.port}/` }).end(),
    );
    const guard = new OutboundGuard({ allowLoopback: false, allowCidrs: ["127.0.0.1/32"] }, resolverFor({ "rebind.test": ["127.0.0.3"] }));
    await expect(createSafeFetch(guard)(`${first.url}/`)).rejects.toThrow(/Outbound request refused/);
    expect(hidden.connections()).toBe(0);
  });

  it("drops credentials and custom headers on a cross-origin redirect, keeps them on the same origin", async () => {
    const other = await trap();
    const origin = await trap("127.0.0.1", (request, response) => {
      if (request.url === "/same") return response.writeHead(200).end("same");
      response.writeHead(302, { location: request.url === "/cross" ? `${other.url}/landed` : "/same" }).end();
    });
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: true, allowCidrs: [] }));
    const headers = { authorization: "Bearer secret-token", "x-api-key": "k", accept: "application/json" };
    await safeFetch(`${origin.url}/cross`, { headers });
    expect(other.requests[0]!.headers).not.toHaveProperty("authorization");
    expect(other.requests[0]!.headers).not.toHaveProperty("x-api-key");
    expect(other.requests[0]!.headers.accept).toBe("application/json");
    await safeFetch(`${origin.url}/stay`, { headers });
    expect(origin.requests.at(-1)!.headers.authorization).toBe("Bearer secret-token");
  });

  it("stops after too many redirects", async () => {
    const loop = await trap("127.0.0.1", (_request, response) => response.writeHead(302, { location: "/again" }).end());
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: true, allowCidrs: [] }), { maxRedirects: 3 });
    await expect(safeFetch(`${loop.url}/`)).rejects.toThrow(/too many redirects/);
    expect(loop.requests).toHaveLength(4);
  });

  it("gives up on a server that never answers", async () => {
    const silent = await trap("127.0.0.1", () => undefined);
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: true, allowCidrs: [] }), { timeoutMs: 300 });
    await expect(safeFetch(`${silent.url}/`)).rejects.toThrow();
  });

  it("caps response size, declared or streamed, as too large (not as a refusal of the outbound policy)", async () => {
    const big = "x".repeat(200_000);
    const declared = await trap("127.0.0.1", (_request, response) =>
      response.writeHead(200, { "content-length": String(big.length) }).end(big),
    );
    const chunked = await trap("127.0.0.1", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(big);
      response.end(big);
    });
    const safeFetch = createSafeFetch(new OutboundGuard({ allowLoopback: true, allowCidrs: [] }), { maxResponseBytes: 100_000 });
    await expect(safeFetch(`${declared.url}/`)).rejects.toThrow(new OutboundTooLargeError(100_000));
    const response = await safeFetch(`${chunked.url}/`);
    await expect(response.text()).rejects.toThrow(new OutboundTooLargeError(100_000));
    await expect(safeFetch(`${declared.url}/`)).rejects.toBeInstanceOf(OutboundTooLargeError);
  });
});
