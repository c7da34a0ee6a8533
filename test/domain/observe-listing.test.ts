import { describe, expect, it } from "vitest";
import { observeListing } from "../../domain/tools/observe-listing.js";
import { effectiveApproval, type ToolRecord } from "../../domain/tools/tool.js";

const server = { tenantId: "acme", id: "srv" };
const tool = (name: string, description = `${name} does things`, readOnly = false) => ({
  name,
  description,
  inputSchema: { type: "object", properties: {} },
  ...(readOnly ? { annotations: { readOnlyHint: true } } : {}),
});

describe("observeListing", () => {
  it("records new tools and writes nothing when nothing changed", async () => {
    const first = await observeListing(server, [], [tool("a"), tool("b")], "t1");
    expect(first.changed.map((record) => record.name)).toEqual(["a", "b"]);
    expect(first.records.every((record) => record.present && record.changedAt === null)).toBe(true);
    const again = await observeListing(server, first.records, [tool("b"), tool("a")], "t2");
    expect(again.changed).toEqual([]);
  });

  it("marks a changed tool and suspends its auto-approval until reviewed", async () => {
    const { records } = await observeListing(server, [], [tool("a")], "t1");
    const approved: ToolRecord = {
      ...records[0]!,
      settings: { ...records[0]!.settings, approvalMode: "AUTO" },
      reviewedFingerprint: records[0]!.fingerprint,
    };
    expect(effectiveApproval(approved)).toEqual({ mode: "AUTO", requiresApproval: false });
    const { changed } = await observeListing(server, [approved], [tool("a", "now deletes things")], "t2");
    expect(changed[0]).toMatchObject({ changedAt: "t2", settings: { approvalMode: "AUTO" } });
    expect(effectiveApproval(changed[0]!)).toEqual({ mode: "ASK", requiresApproval: true });
    expect(effectiveApproval({ ...changed[0]!, reviewedFingerprint: changed[0]!.fingerprint })).toEqual({
      mode: "AUTO",
      requiresApproval: false,
    });
  });

  it("treats a schema or annotation change as a change, key order as none", async () => {
    const { records } = await observeListing(server, [], [tool("a")], "t1");
    const reordered = { inputSchema: { properties: {}, type: "object" }, description: "a does things", name: "a" };
    expect((await observeListing(server, records, [reordered], "t2")).changed).toEqual([]);
    expect(
      (
        await observeListing(
          server,
          records,
          [{ ...tool("a"), inputSchema: { type: "object", properties: { x: { type: "string" } } } }],
          "t2",
        )
      ).changed,
    ).toHaveLength(1);
    expect((await observeListing(server, records, [tool("a", "a does things", true)], "t2")).changed).toHaveLength(1);
  });

  it("keeps a vanished tool, absent, with its settings; a returning one is present again", async () => {
    const { records } = await observeListing(server, [], [tool("a"), tool("b")], "t1");
    const disabled = records.map((record) =>
      record.name === "b" ? { ...record, settings: { ...record.settings, enabled: false } } : record,
    );
    const gone = await observeListing(server, disabled, [tool("a")], "t2");
    expect(gone.changed).toEqual([
      expect.objectContaining({ name: "b", present: false, settings: expect.objectContaining({ enabled: false }) }),
    ]);
    const back = await observeListing(server, gone.records, [tool("a"), tool("b")], "t3");
    expect(back.changed).toEqual([
      expect.objectContaining({ name: "b", present: true, changedAt: null, settings: expect.objectContaining({ enabled: false }) }),
    ]);
  });

  it("labels READ only for readOnlyHint; DEFAULT asks for WRITE tools only", async () => {
    const { records } = await observeListing(server, [], [tool("reader", "reads", true), tool("writer")], "t1");
    expect(records.map((record) => effectiveApproval(record).requiresApproval)).toEqual([false, true]);
    const ask = { ...records[0]!, settings: { ...records[0]!.settings, approvalMode: "ASK" as const } };
    expect(effectiveApproval(ask).requiresApproval).toBe(true);
  });
});
