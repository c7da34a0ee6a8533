import { renderGraphiQL as renderSelfContained } from "@graphql-yoga/render-graphiql";
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_TABS } from "../../graphql/graphiql/example-tabs.js";
import { CSRF_HEADER, GRAPHIQL_OPTIONS, withPageScript } from "../../graphql/graphiql/graphiql-page.js";
import { schema } from "../../graphql/schema.js";
import { alice, startTestApi, type TestApi } from "../support/test-api.js";

const SUBSCRIBE = `http://localhost/graphql?query=${encodeURIComponent("subscription { approvalRequested { id } }")}`;

describe("GraphiQL's example tabs", () => {
  it.each(EXAMPLE_TABS.map((tab) => [tab.query.match(/(?:query|mutation|subscription) (\w+)/)?.[1], tab] as const))(
    "%s is valid against the schema",
    (_name, tab) => {
      expect(validate(schema, parse(tab.query))).toEqual([]);
      if (tab.variables) expect(() => JSON.parse(tab.variables!) as unknown).not.toThrow();
    },
  );
});

describe("the GraphiQL page", () => {
  it.each([
    ["yoga's CDN page", withPageScript()],
    ["the self-contained page (npm start)", withPageScript(renderSelfContained)],
  ])("%s runs the page script around GraphiQL's render call", (_name, render) => {
    const html = render(GRAPHIQL_OPTIONS);
    expect(html).toContain("(YogaGraphiQL.renderYogaGraphiQL)(");
    expect(html).toContain("tokenFromFragment");
    expect(html).toContain(`"additionalHeaders":{"${CSRF_HEADER}":"graphiql"}`);
    expect(html).toContain('"defaultTabs":[');
  });
});

describe("CSRF protection with GraphiQL's header", () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await api.tokenFor(alice);
  });
  afterAll(() => api.close());

  const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

  it("refuses a subscription a page on another site opens without the header", async () => {
    const response = await api.yoga.fetch(SUBSCRIBE, {
      headers: { ...crossSite, accept: "text/event-stream", authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Required CSRF header(s) not present");
  });

  it.each(["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"])(
    "refuses a form-like POST (%s) from another site",
    async (contentType) => {
      const response = await api.yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { ...crossSite, "content-type": contentType, authorization: `Bearer ${token}` },
        body: "query=%7B%20mcpServers%20%7B%20id%20%7D%20%7D",
      });
      expect(response.status).toBe(403);
    },
  );

  it("lets the subscription GraphiQL opens through: the same GET with the header it adds", async () => {
    const abort = new AbortController();
    const response = await api.yoga.fetch(SUBSCRIBE, {
      headers: { ...GRAPHIQL_OPTIONS.additionalHeaders, accept: "text/event-stream", authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    abort.abort();
    await response.body?.cancel().catch(() => undefined);
  });
});
