import { describe, expect, it } from "vitest";
import { judgeAddress, parseAllowCidrs } from "../../../adapters/http/address-policy.js";
import { OutboundGuard } from "../../../adapters/http/outbound-guard.js";

const strict = { allowLoopback: false, allowCidrs: [] };
const local = { allowLoopback: true, allowCidrs: [] };

describe("judgeAddress", () => {
  it.each([
    "0.0.0.0",
    "0.1.2.3",
    "169.254.169.254",
    "169.254.170.2",
    "100.64.0.1",
    "100.127.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:192.168.0.1",
    "127.0.0.1",
    "127.255.0.1",
    "::1",
    "::ffff:127.0.0.1",
    "::",
    "::7f00:1",
    "::a9fe:a9fe",
    "::a00:1",
    "224.0.0.1",
    "255.255.255.255",
    "100.100.100.200",
  ])("refuses %s by default", (address) => {
    expect(judgeAddress(address, strict).allowed).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("allows the public address %s", (address) => {
    expect(judgeAddress(address, strict)).toEqual({ allowed: true });
  });

  it("allows loopback only when configured, and nothing else with it", () => {
    expect(judgeAddress("127.0.0.1", local).allowed).toBe(true);
    expect(judgeAddress("::ffff:127.0.0.1", local).allowed).toBe(true);
    expect(judgeAddress("::1", local).allowed).toBe(true);
    expect(judgeAddress("10.0.0.1", local).allowed).toBe(false);
    // IPv4 hidden in IPv4-compatible IPv6 stays closed beside ::1.
    expect(judgeAddress("::a9fe:a9fe", local).allowed).toBe(false);
    expect(judgeAddress("::7f00:1", local).allowed).toBe(false);
  });

  it("opens private ranges through the allowlist, but never metadata or link-local", () => {
    const policy = { allowLoopback: false, allowCidrs: ["10.20.0.0/16", "fd00::/8", "169.254.0.0/16", "0.0.0.0/0"] };
    expect(judgeAddress("10.20.3.4", policy).allowed).toBe(true);
    expect(judgeAddress("fd12::1", policy).allowed).toBe(true);
    expect(judgeAddress("169.254.169.254", policy)).toEqual({ allowed: false, reason: "a link-local or cloud metadata address" });
    expect(judgeAddress("fd00:ec2::254", policy).allowed).toBe(false);
    expect(judgeAddress("::ffff:169.254.169.254", policy).allowed).toBe(false);
  });

  it("rejects malformed allowlists at start-up", () => {
    expect(parseAllowCidrs(" 10.0.0.0/8 , fd00::/8 ")).toEqual(["10.0.0.0/8", "fd00::/8"]);
    expect(parseAllowCidrs(undefined)).toEqual([]);
    expect(() => parseAllowCidrs("10.0.0.0/8,intranet")).toThrow(/not a CIDR/);
  });
});

describe("OutboundGuard.checkUrl: every spelling, refused before any DNS or socket", () => {
  const guard = new OutboundGuard(strict, async () => {
    throw new Error("no lookups in this test");
  });

  it.each([
    "http://127.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://017700000001/",
    "http://127.0.0.1:8080/mcp",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://0.0.0.0/",
    "http://0/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://10.1.2.3/",
    "http://172.16.5.4/",
    "http://192.168.0.1/",
    "http://100.64.1.1/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "https://[::ffff:10.0.0.1]/",
  ])("refuses %s", (url) => {
    expect(() => guard.checkUrl(new URL(url))).toThrow(/Outbound request refused/);
  });

  it.each(["file:///etc/passwd", "ftp://example.com/", "gopher://example.com/", "data:text/plain,x", "javascript:alert(1)"])(
    "refuses the scheme of %s",
    (url) => {
      expect(() => guard.checkUrl(new URL(url))).toThrow(/scheme is not allowed/);
    },
  );

  it("refuses credentials in the URL", () => {
    expect(() => guard.checkUrl(new URL("https://user:pass@example.com/"))).toThrow(/credentials/);
  });

  it("names the kind of address, never the address", () => {
    expect(() => guard.checkUrl(new URL("http://10.9.8.7/"))).toThrow("Outbound request refused: the server resolves to a private address");
  });
});

describe("OutboundGuard.resolve: names are judged by every address they resolve to", () => {
  const answers: Record<string, string[]> = {
    "internal.corp.test": ["10.0.0.7"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "192.168.1.10"],
    "mapped.test": ["::ffff:10.0.0.1"],
    "public.test": ["93.184.216.34", "2606:4700::1111"],
  };
  const guard = new OutboundGuard(strict, async (name) =>
    (answers[name] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
  );

  it.each(["internal.corp.test", "metadata.test", "mixed.test", "mapped.test", "nowhere.test"])("refuses %s", async (name) => {
    await expect(guard.resolve(name)).rejects.toThrow(/Outbound request refused/);
  });

  it("accepts a name whose every address is public", async () => {
    expect((await guard.resolve("public.test")).map((a) => a.address)).toEqual(["93.184.216.34", "2606:4700::1111"]);
  });
});
