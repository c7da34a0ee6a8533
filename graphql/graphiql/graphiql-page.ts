import { type GraphiQLOptions, renderGraphiQL as renderFromCdn } from "graphql-yoga";
import { EXAMPLE_TABS } from "./example-tabs.js";
import { GRAPHIQL_PAGE_SCRIPT } from "./page-script.js";

/** The header the CSRF check accepts; a cross-site page cannot send it without a CORS preflight. */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

/**
 * GraphiQL's options: it sends the CSRF header with every request it makes (queries, the schema,
 * and the GET that opens a subscription's event stream), so nobody types it by hand.
 */
export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: "MCP connector control plane",
  defaultTabs: EXAMPLE_TABS,
  additionalHeaders: { [CSRF_HEADER]: "graphiql" },
};

const RENDER_CALL = "YogaGraphiQL.renderYogaGraphiQL(";

/**
 * Wraps a GraphiQL renderer (yoga's CDN page or the self-contained one) so the page runs
 * GRAPHIQL_PAGE_SCRIPT around its render call. Both pages call `YogaGraphiQL.renderYogaGraphiQL(`;
 * a test checks each still does.
 */
export function withPageScript(render: (options: GraphiQLOptions) => string = renderFromCdn) {
  return (options: GraphiQLOptions) =>
    render(options).replace(RENDER_CALL, () => `${GRAPHIQL_PAGE_SCRIPT}(YogaGraphiQL.renderYogaGraphiQL)(`);
}
