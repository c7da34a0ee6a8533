import { describe, expect, it } from "vitest";
import { EmbeddedToolIndex } from "../../../adapters/search/embedded-tool-index.js";
import { corpus, everything } from "./fixtures.js";
import { toolIndexContract } from "./tool-index-contract.js";

toolIndexContract("embedded", () => new EmbeddedToolIndex());

const top = async (query: string, limit = 3, allowed: (key: string) => boolean = everything) =>
  (await new EmbeddedToolIndex().search(corpus(), query, { allowed, limit })).map((hit) => hit.key);

describe("the embedded ranker", () => {
  it.each([
    ["erase a document", "files__delete_file"],
    ["bill the client", "payments__create_charge"],
    ["schedule a meeting", "calendar__create_event"],
    ["send a note to the team room", "chat__post_message"],
    ["open a PR", "github__create_pull_request"],
  ])("finds a tool by what a query means: %s", async (query, expected) => {
    expect(await top(query)).toContain(expected);
  });

  it("ranks the tools of a product the query names first", async () => {
    expect((await top("in GitLab, list the issues", 1))[0]).toBe("gitlab__list_issues");
    expect((await top("list the issues on GitHub", 1))[0]).toBe("github__list_issues");
    expect((await top("propose my changes for review on gitlab", 1))[0]).toBe("gitlab__create_merge_request");
  });

  it("never returns a tool the filter refuses (disabled, or of a server the caller may not use)", async () => {
    const hits = await top("delete remove erase file", 10, (key) => !key.startsWith("files__"));
    expect(hits.some((key) => key.startsWith("files__"))).toBe(false);
  });

  it("bounds results by the limit", async () => {
    expect(await top("file issue event charge message", 2)).toHaveLength(2);
  });
});
