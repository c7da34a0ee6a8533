import { describe, expect, it } from "vitest";
import { givenQuery, maskedUrl, templatedUrl } from "../../domain/servers/url-query.js";

describe("a server URL's query", () => {
  it("is masked value by value: last four characters of a long one, a short, bare or empty one as it must be", () => {
    expect(maskedUrl("https://x.example/mcp?api_key=sk_live_abcd1234&v=2&flag&empty=#frag")).toBe(
      "https://x.example/mcp?api_key=••••1234&v=••••&••••&empty=#frag",
    );
    expect(maskedUrl("https://x.example/mcp#a?b=c")).toBe("https://x.example/mcp#a?b=c");
    expect(maskedUrl("https://x.example/mcp")).toBe("https://x.example/mcp");
  });

  it("cannot be given with a masked value, literal or percent-encoded", () => {
    expect(givenQuery("https://x.example/mcp?a=1&b=2")).toBe("a=1&b=2");
    expect(givenQuery("https://x.example/mcp?")).toBeNull();
    for (const url of ["https://x.example/mcp?a=••••1234", "https://x.example/mcp?a=%e2%80%a2%E2%80%A2%E2%80%A2%E2%80%A21234"])
      expect(() => givenQuery(url)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", field: "url" }));
  });

  it("becomes template variables named after its keys, unique and valid", () => {
    expect(templatedUrl("https://x.example/mcp?api-key=••••&api_key=••••&1st=••••&••••&e=")).toEqual({
      url: "https://x.example/mcp?api-key={api_key}&api_key={value_2}&1st={value_3}&{value_4}&e=",
      variables: ["api_key", "value_2", "value_3", "value_4"],
    });
  });
});
