import { describe, expect, it } from "vitest";
import type { ToolIndex } from "../../../domain/ports/tool-index.js";
import { corpus, everything, TOOLS } from "./fixtures.js";

/** What every ToolIndex promises, whatever ranks inside it. */
export function toolIndexContract(name: string, make: () => ToolIndex) {
  describe(`ToolIndex contract: ${name}`, () => {
    it("returns only tools the filter admits, at most the limit, best first", async () => {
      const allowed = (key: string) => key !== "github__list_issues";
      const hits = await make().search(corpus(), "list issues", { allowed, limit: 1 });
      expect(hits).toHaveLength(1);
      expect(hits[0]!.key).toBe("gitlab__list_issues");
      const all = await make().search(corpus(), "file", { allowed: everything, limit: 50 });
      expect(all.length).toBeGreaterThan(1);
      expect(all.every((hit) => TOOLS.some((tool) => tool.key === hit.key))).toBe(true);
      expect(all.map((hit) => hit.score)).toEqual([...all.map((hit) => hit.score)].sort((a, b) => b - a));
    });

    it("answers a query that says nothing with nothing", async () => {
      expect(await make().search(corpus(), "", { allowed: everything, limit: 5 })).toEqual([]);
      expect(await make().search(corpus(), "please could you", { allowed: everything, limit: 5 })).toEqual([]);
    });

    it("keeps tenants apart", async () => {
      const index = make();
      const other = TOOLS.map((tool) => ({ ...tool, key: `other_${tool.key}` }));
      await index.search(corpus(TOOLS, "v1", "acme"), "charge", { allowed: everything, limit: 5 });
      const hits = await index.search(corpus(other, "v1", "globex"), "charge", { allowed: everything, limit: 5 });
      expect(hits[0]!.key).toBe("other_payments__create_charge");
      expect(hits.every((hit) => hit.key.startsWith("other_"))).toBe(true);
    });

    it("rebuilds a tenant's index when its version changes, and only then", async () => {
      const index = make();
      const refunds = [...TOOLS, { ...TOOLS[7]!, key: "payments__refund_charge", name: "refund_charge", description: "Refund a charge" }];
      expect((await index.search(corpus(TOOLS, "v1"), "refund", { allowed: everything, limit: 3 })).map((hit) => hit.key)).not.toContain(
        "payments__refund_charge",
      );
      // Same version: the index built for it answers (no rebuild per query).
      expect((await index.search(corpus(refunds, "v1"), "refund", { allowed: everything, limit: 3 })).map((hit) => hit.key)).not.toContain(
        "payments__refund_charge",
      );
      expect((await index.search(corpus(refunds, "v2"), "refund", { allowed: everything, limit: 3 }))[0]!.key).toBe(
        "payments__refund_charge",
      );
    });
  });
}
