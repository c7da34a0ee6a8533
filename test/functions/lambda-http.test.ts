import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaHandler, requestFromEvent, resultFromResponse } from "../../functions/http/lambda-http.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";
import { CREATE, LIST } from "../graphql/server-fields.js";

/** A Function URL event as AWS sends it; each test varies the parts it is about. */
const fixture = (): APIGatewayProxyEventV2 =>
  JSON.parse(readFileSync(new URL("./fixtures/function-url-post.json", import.meta.url), "utf8"));

describe("requestFromEvent", () => {
  it("rebuilds URL, method, headers, cookies and request id", async () => {
    const event = { ...fixture(), rawQueryString: "a=1&b=two%20words", body: '{"query":"{ x }"}' };
    const request = requestFromEvent(event);
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/graphql?a=1&b=two%20words");
    expect(request.headers.get("cookie")).toBe("session=abc; theme=dark");
    expect(request.headers.get("x-request-id")).toBe("8f5e3a9c-1b2d-4e6f-8a7b-9c0d1e2f3a4b");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.text()).toBe('{"query":"{ x }"}');
  });

  it("decodes a base64 body byte for byte", async () => {
    const body = '{"query":"{ x }","variables":{"name":"Zürich ☕"}}';
    const request = requestFromEvent({ ...fixture(), body: Buffer.from(body).toString("base64"), isBase64Encoded: true });
    expect(await request.text()).toBe(body);
  });

  it("sends no body on GET, even if the event carries one", async () => {
    const event = fixture();
    event.requestContext.http.method = "GET";
    const request = requestFromEvent({ ...event, body: "ignored", rawQueryString: "query=%7B%20x%20%7D" });
    expect(request.method).toBe("GET");
    expect(request.body).toBeNull();
    expect(new URL(request.url).searchParams.get("query")).toBe("{ x }");
  });
});

describe("resultFromResponse", () => {
  it("moves Set-Cookie into cookies and keeps text bodies as text", async () => {
    const headers = new Headers({ "content-type": "application/graphql-response+json; charset=utf-8" });
    headers.append("set-cookie", "a=1; Secure");
    headers.append("set-cookie", "b=2; HttpOnly");
    const result = await resultFromResponse(new Response('{"data":{}}', { status: 201, headers }));
    expect(result).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/graphql-response+json; charset=utf-8" },
      cookies: ["a=1; Secure", "b=2; HttpOnly"],
      body: '{"data":{}}',
      isBase64Encoded: false,
    });
  });

  it("base64-encodes binary bodies", async () => {
    const bytes = new Uint8Array([0, 255, 1, 254]);
    const result = await resultFromResponse(new Response(bytes, { headers: { "content-type": "image/png" } }));
    expect(result).toMatchObject({ isBase64Encoded: true, body: Buffer.from(bytes).toString("base64") });
  });
});

describe("the GraphQL API behind a Lambda handler", () => {
  let api: TestApi;
  let handler: ReturnType<typeof lambdaHandler>;
  beforeAll(async () => {
    api = await startTestApi();
    handler = lambdaHandler(async () => (request) => api.yoga.fetch(request));
  });
  afterAll(() => api.close());

  it("creates and lists a server through Function URL events (plain and base64 bodies)", async () => {
    const token = await api.tokenFor(alice);
    const create = fixture();
    create.headers.authorization = `Bearer ${token}`;
    create.body = Buffer.from(
      JSON.stringify({ query: CREATE, variables: { input: { name: "Via Lambda", url: "https://e.com/mcp" } } }),
    ).toString("base64");
    create.isBase64Encoded = true;
    const created = await handler(create);
    expect(created.statusCode).toBe(200);
    expect(JSON.parse(created.body!).data.createMcpServer).toMatchObject({ name: "Via Lambda", slug: "via_lambda" });

    const list = fixture();
    list.headers.authorization = `Bearer ${token}`;
    list.body = JSON.stringify({ query: LIST });
    const listed = JSON.parse((await handler(list)).body!);
    expect(listed.data.mcpServers.map((s: { name: string }) => s.name)).toEqual(["Via Lambda"]);
    expect(api.logs.some((line) => line.includes("8f5e3a9c-1b2d-4e6f-8a7b-9c0d1e2f3a4b"))).toBe(true);
  });

  it("answers 401 to an event without a token", async () => {
    const event = { ...fixture(), body: JSON.stringify({ query: LIST }) };
    const result = await handler(event);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body!).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
