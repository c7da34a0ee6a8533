import { describe, expect, it } from "vitest";
import { type ScopeSources, scopeToRequest } from "../../domain/oauth/scope-selection.js";

const none: ScopeSources = { configured: null, challenged: undefined, resourceScopes: undefined, advertised: undefined, stepUp: null };

/** [row, sources, requested scope] */
const TABLE: Array<[string, Partial<ScopeSources>, string | undefined]> = [
  ["configured scopes win over everything", { configured: ["repo"], challenged: "read", resourceScopes: ["a", "b"] }, "repo"],
  ["else the 401 challenge's scope", { challenged: "files:read files:write", resourceScopes: ["a"] }, "files:read files:write"],
  ["else every scope the resource advertises", { resourceScopes: ["mcp:tools", "mcp:prompts"] }, "mcp:tools mcp:prompts"],
  ["else no scope at all", {}, undefined],
  ["an empty configured list counts as none", { configured: [], resourceScopes: ["a"] }, "a"],
  [
    "offline_access when the authorization server offers it",
    { resourceScopes: ["a"], advertised: ["openid", "offline_access", "a"] },
    "a offline_access",
  ],
  ["offline_access alone rather than nothing", { advertised: ["offline_access"] }, "offline_access"],
  ["step-up scopes are added, once", { challenged: "a", stepUp: ["a", "admin"] }, "a admin"],
];

describe("scopeToRequest", () => {
  it.each(TABLE)("%s", (_row, sources, scope) => {
    expect(scopeToRequest({ ...none, ...sources })).toBe(scope);
  });
});
