import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, bob, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, DELETE, GET, LIST, UPDATE } from "./server-fields.js";

const HEADER_SECRET = "hdr-canary-5d1e8b2f77";
const CREDENTIAL_SECRET = "cred-canary-a94c0e63b1";
const ROTATED_SECRET = "rot-canary-0b7f4411de";

describe("raw header values and credentials", () => {
  let api: TestApi;
  const responses: string[] = [];
  const run = async (...args: Parameters<TestApi["gql"]>) => {
    const result = await api.gql(...args);
    responses.push(result.text);
    return result;
  };

  beforeAll(async () => {
    api = await startTestApi();
    const created = await run(alice, CREATE, {
      input: {
        name: "Canary",
        url: "https://mcp.example.com/mcp",
        authType: "TOKEN",
        credential: `Bearer ${CREDENTIAL_SECRET}`,
        headers: [{ name: "X-Api-Key", value: HEADER_SECRET }],
      },
    });
    const id = created.body.data!.createMcpServer.id;
    await run(alice, UPDATE, {
      id,
      input: { credential: `Bearer ${ROTATED_SECRET}`, headers: [{ name: "X-Api-Key" }, { name: "X-Other", value: ROTATED_SECRET }] },
    });
    await run(alice, GET, { id });
    await run(alice, LIST);
    // Failures that carry the secrets in their input.
    await run(alice, UPDATE, { id, input: { headers: [{ name: "X-Bad", value: `${HEADER_SECRET}\r\nX-Injected: 1` }] } });
    await run(alice, CREATE, { input: { name: "Leaky", url: `https://u:${CREDENTIAL_SECRET}@e.com`, credential: CREDENTIAL_SECRET } });
    await run(bob, UPDATE, { id, input: { credential: `Bearer ${CREDENTIAL_SECRET}` } });
    await run(null, CREATE, { input: { name: "Anon", url: "https://e.com", headers: [{ name: "X-A", value: HEADER_SECRET }] } });
    await run(alice, DELETE, { id: "missing" });
    // Refused by GraphQL itself, whose messages and source excerpts quote variables and literals.
    await run(alice, CREATE, { input: { name: "Typo", url: `https://u:${CREDENTIAL_SECRET}@e.com`, headerz: [HEADER_SECRET] } });
    await run(alice, `mutation { createMcpServer(input: { name: "Inline", url: "https://u:${CREDENTIAL_SECRET}@e.com" }) { id } }`);
    await run(
      alice,
      `mutation { createMcpServer(input: { name: "Bad", url: "https://e.com/?k=${HEADER_SECRET}", authType: NOPE }) { id } }`,
    );
  });
  afterAll(() => api.close());

  it("never appear in a stored item", async () => {
    const stored = JSON.stringify(await api.table.rawItems());
    expect(stored).toContain("local1.");
    for (const secret of [HEADER_SECRET, CREDENTIAL_SECRET, ROTATED_SECRET]) expect(stored).not.toContain(secret);
  });

  it("never appear in a response or an error", () => {
    expect(responses.some((text) => text.includes('"errors"'))).toBe(true);
    for (const text of responses) {
      for (const secret of [HEADER_SECRET, CREDENTIAL_SECRET, ROTATED_SECRET]) expect(text).not.toContain(secret);
    }
  });

  it("are logged as the shape of an operation's variables, never their values", () => {
    const operations = api.logs.map((line) => JSON.parse(line)).filter((line) => line.message === "graphql operation");
    expect(operations).toContainEqual(
      expect.objectContaining({ variables: { id: "string", input: { credential: "string", headers: "array(2)" } } }),
    );
  });

  it("never appear in a log line", () => {
    expect(api.logs.length).toBeGreaterThan(5);
    for (const line of api.logs) {
      for (const secret of [HEADER_SECRET, CREDENTIAL_SECRET, ROTATED_SECRET]) expect(line).not.toContain(secret);
    }
  });
});
