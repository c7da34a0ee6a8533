import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SdkServer, startSdkServer } from "../support/mcp/sdk-server.js";
import { alice, bob, carol, startTestApi, type TestApi } from "../support/test-api.js";
import { CALL_TOOL } from "./tool-call-fields.js";
import { SERVER_TOOLS, VALIDATE } from "./tool-fields.js";

const CREDENTIAL = "hdr-cred-canary-61c2e0";
const HEADER = "hdr-value-canary-9d4b7a";

/** Written inline, as in GraphiQL: the secrets are literals of the document, not variables. */
const register = (name: string, url: string) => `mutation {
  createMcpServer(input: { name: "${name}", url: "${url}", authType: TOKEN, credential: "Bearer ${CREDENTIAL}",
    headers: [{ name: "X-Tenant-Key", value: "${HEADER}" }], toolsCacheEnabled: true }) { id slug }
}`;
const reheader = (id: string, value: string) =>
  `mutation { updateMcpServer(id: "${id}", input: { headers: [{ name: "X-Tenant-Key", value: "${value}" }] }) { id } }`;

describe("header secrets, with the log at debug level", () => {
  let api: TestApi;
  let accepting: SdkServer;
  let refusing: SdkServer;

  beforeAll(async () => {
    api = await startTestApi({ checkAfterChange: true });
    accepting = await startSdkServer({ requireAuthorization: `Bearer ${CREDENTIAL}` });
    refusing = await startSdkServer({ requireAuthorization: "Bearer another" });
    for (const [name, upstream] of [
      ["Accepting", accepting],
      ["Refusing", refusing],
    ] as const) {
      const created = await api.gql(alice, register(name, upstream.url));
      const { id, slug } = created.body.data!.createMcpServer;
      await api.checks.settled();
      await api.gql(alice, SERVER_TOOLS, { id });
      await api.gql(carol, CALL_TOOL, { input: { qualifiedName: `mcp__${slug}__echo`, arguments: { message: "hi" } } });
      await api.gql(alice, VALIDATE, { id });
      // Refused: bob may not change a shared server; a header value may not break its line.
      await api.gql(bob, reheader(id, HEADER));
      await api.gql(alice, reheader(id, `${HEADER}\\r\\nX-Injected: 1`));
    }
    await api.refresher.refreshAll();
  });
  afterAll(async () => {
    await api.close();
    await accepting.close();
    await refusing.close();
  });

  it("reach the server that takes them", () => {
    expect(accepting.state.requestHeaders.some((headers) => headers["x-tenant-key"] === HEADER)).toBe(true);
  });

  it("never appear in a log line", () => {
    expect(api.logs.some((line) => JSON.parse(line).level === "error")).toBe(true);
    for (const line of api.logs) for (const secret of [CREDENTIAL, HEADER]) expect(line).not.toContain(secret);
  });
});
