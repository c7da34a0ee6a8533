import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecretCipher } from "../../domain/ports/secret-cipher.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, LIST } from "./server-fields.js";

const failingCipher: SecretCipher = {
  encrypt: async () => {
    throw new Error("KMS exploded at 10.0.3.7 reading /var/task/secret.txt");
  },
  decrypt: async () => "",
};

describe("unexpected errors", () => {
  it.each([undefined, "development", "production"])("are masked with no detail when NODE_ENV is %s", async (nodeEnv) => {
    const previous = process.env.NODE_ENV;
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    const api = await startTestApi({ cipher: failingCipher });
    try {
      const result = await api.gql(alice, CREATE, { input: { name: "x", url: "https://e.com", headers: [{ name: "X-A", value: "v" }] } });
      expect(result.body.errors).toEqual([
        { message: "Unexpected error.", path: ["createMcpServer"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      ]);
      expect(result.text).not.toMatch(/KMS|10\.0\.3\.7|secret\.txt|stack/);
      expect(api.logs.some((line) => line.includes("unexpected error") && line.includes("KMS exploded"))).toBe(true);
      expect(await api.table.rawItems()).toEqual([]);
    } finally {
      process.env.NODE_ENV = previous;
      await api.close();
    }
  });
});

describe("request limits and browser protections", () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi({ maxBodyBytes: 20_000 });
    token = await api.tokenFor(alice);
  });
  afterAll(() => api.close());
  const auth = () => ({ authorization: `Bearer ${token}` });

  it("answers UNAUTHENTICATED with HTTP 401 and a Bearer challenge", async () => {
    const response = await api.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LIST }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect((await response.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("answers GraphiQL's introspection query while token and alias limits stay on", async () => {
    const introspection = await api.post(JSON.stringify({ query: getIntrospectionQuery() }), auth());
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data!.__schema.types.length).toBeGreaterThan(10);
  });

  it("refuses too many aliases", async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: mcpServers { id }`).join(" ")} }`;
    expect((await api.post(JSON.stringify({ query }), auth())).body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("counts __typename aliases too", async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(" ")} }`;
    const result = await api.post(JSON.stringify({ query }), auth());
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("refuses too many tokens", async () => {
    const query = `{ mcpServers { ${"id ".repeat(2100)} } }`;
    expect((await api.post(JSON.stringify({ query }), auth())).body.errors?.[0]?.message).toMatch(/token/i);
  });

  it("refuses a body over the size cap with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ query: LIST, variables: { pad: "x".repeat(30_000) } });
    expect((await api.post(big, auth())).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await api.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...auth() },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("refuses batched requests", async () => {
    const result = await api.post(JSON.stringify([{ query: LIST }, { query: LIST }]), auth());
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.body.data).toBeUndefined();
  });

  it("refuses a GET a browser could send cross-site (CSRF) unless it carries the preflight header", async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent("{ mcpServers { id } }")}`;
    expect((await api.yoga.fetch(url, { headers: auth() })).status).toBe(403);
    const allowed = await api.yoga.fetch(url, { headers: { ...auth(), "x-graphql-yoga-csrf": "1" } });
    expect(allowed.status).toBe(200);
  });

  it("serves GraphiQL without a token", async () => {
    const response = await api.yoga.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("MCP connector control plane");
  });
});

describe("production settings", () => {
  it("turn introspection and GraphiQL off", async () => {
    const api = await startTestApi({ introspection: false, graphiql: false });
    try {
      const result = await api.gql(alice, "{ __schema { types { name } } }");
      expect(result.body.errors?.[0]?.message).toMatch(/introspection/i);
      const page = await api.yoga.fetch("http://localhost/graphql", { headers: { accept: "text/html" } });
      expect(await page.text()).not.toContain("<html");
      const typo = await api.gql(alice, "{ mcpServerz { id } }");
      expect(typo.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
    } finally {
      await api.close();
    }
  });
});
