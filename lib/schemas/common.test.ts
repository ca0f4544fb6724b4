import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Cidr, ComputerName, Fqdn, Ipv4, networkAddress, Paging, Tags, VmName } from "./common";

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
const message = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe("ComputerName (NetBIOS/DNS host label)", () => {
  it.each(["HV1", "hv-5", "SRV3", "a", "A23456789012345", "2HV"])("accepts %s", (name) => {
    expect(ok(ComputerName, name)).toBe(true);
  });

  it("trims and upper-cases, as Windows shows computer names", () => {
    expect(ComputerName.parse("  hv5 ")).toBe("HV5");
  });

  it.each([
    ["", "Enter a computer name."],
    ["A234567890123456", "A computer name has at most 15 characters (NetBIOS)."],
    ["HV_1", "Use only letters, digits and hyphens."],
    ["HV.1", "Use only letters, digits and hyphens."],
    ["HV 1", "Use only letters, digits and hyphens."],
    ["HÖST", "Use only letters, digits and hyphens."],
    ["12345", "A computer name cannot be only digits."],
    ["-HV1", "A computer name cannot start or end with a hyphen."],
    ["HV1-", "A computer name cannot start or end with a hyphen."],
  ])("rejects %j: %s", (name, text) => {
    expect(message(ComputerName, name)).toBe(text);
  });

  it("rejects non-strings", () => {
    expect(ok(ComputerName, 42)).toBe(false);
  });
});

describe("Fqdn", () => {
  it.each(["hv5.contoso.com", "a.b", "HV-5.Corp.Contoso.COM", `${"a".repeat(63)}.com`])("accepts %s", (s) => {
    expect(ok(Fqdn, s)).toBe(true);
  });

  it("lower-cases", () => {
    expect(Fqdn.parse("HV5.Contoso.com")).toBe("hv5.contoso.com");
  });

  it.each([
    "hv5",
    "hv5..contoso.com",
    ".contoso.com",
    "hv5.contoso.com.",
    "-hv5.contoso.com",
    "hv5-.contoso.com",
    "hv_5.contoso.com",
    "hv 5.contoso.com",
    `${"a".repeat(64)}.com`,
    "",
  ])("rejects %j", (s) => {
    expect(ok(Fqdn, s)).toBe(false);
  });

  it("limits the whole name to 253 characters", () => {
    const label = "a".repeat(62);
    const long = [label, label, label, label, "com"].join("."); // 4*62 + 4 + 3 = 255
    expect(long.length).toBeGreaterThan(253);
    expect(message(Fqdn, long)).toBe("A DNS name has at most 253 characters.");
    expect(ok(Fqdn, long.slice(4))).toBe(true);
  });
});

describe("Ipv4", () => {
  it.each(["10.0.0.21", "0.0.0.0", "255.255.255.255", " 192.168.10.11 "])("accepts %j", (s) => {
    expect(ok(Ipv4, s)).toBe(true);
  });
  it.each([
    "256.0.0.1",
    "10.0.0",
    "10.0.0.1.2",
    "010.0.0.1",
    "10.0.0.-1",
    "10.0.0.1/24",
    "a.b.c.d",
    "10..0.1",
    "1e1.0.0.1",
    "",
    "::1",
  ])("rejects %j", (s) => {
    expect(ok(Ipv4, s)).toBe(false);
  });
});

describe("Cidr", () => {
  it.each(["192.168.10.0/24", "10.0.0.0/8", "0.0.0.0/0", "10.0.0.1/32"])("accepts %s", (s) => {
    expect(ok(Cidr, s)).toBe(true);
  });
  it.each([
    "192.168.10.0",
    "192.168.10.0/33",
    "192.168.10.0/",
    "192.168.10.0/24/1",
    "300.0.0.0/8",
    "/24",
    "10.0.0.0/-1",
    "10.0.0.0/abc",
  ])("rejects %j", (s) => {
    expect(message(Cidr, s)).toBe("Enter a subnet such as 192.168.10.0/24.");
  });
});

describe("VmName", () => {
  it.each(["SQL01", "Web server (old)", "LEGACY-APP", "ünïcødé VM", "a".repeat(100)])("accepts %j", (s) => {
    expect(ok(VmName, s)).toBe(true);
  });
  it.each([
    ["", "Enter a name."],
    ["a".repeat(101), "A virtual machine name has at most 100 characters."],
    [" SQL01", "A name cannot start or end with a space."],
    ["SQL01 ", "A name cannot start or end with a space."],
  ])("rejects %j", (s, text) => {
    expect(message(VmName, s)).toBe(text);
  });
  it.each([...'\\/:*?"<>|', "\t", "\n", "\u0000"])("rejects a name containing %j", (c) => {
    expect(message(VmName, `VM${c}1`)).toBe(
      'A name cannot contain \\ / : * ? " < > | or control characters.',
    );
  });
});

describe("Tags", () => {
  it("accepts up to 16 tags of up to 32 characters", () => {
    expect(
      ok(
        Tags,
        Array.from({ length: 16 }, (_, i) => `t${i}`),
      ),
    ).toBe(true);
    expect(ok(Tags, ["a".repeat(32), "prod.v1_x-y"])).toBe(true);
  });
  it.each([
    [Array.from({ length: 17 }, (_, i) => `t${i}`)],
    [["a".repeat(33)]],
    [[""]],
    [["has space"]],
    [["a/b"]],
  ])("rejects %j", (tags) => {
    expect(ok(Tags, tags)).toBe(false);
  });
});

describe("Paging", () => {
  const P = z.strictObject(Paging);
  it("defaults to 100 and coerces the query-string limit", () => {
    expect(P.parse({})).toEqual({ limit: 100 });
    expect(P.parse({ limit: "25", cursor: "200" })).toEqual({ limit: 25, cursor: "200" });
  });
  it.each(["0", "1001", "abc", "1.5", "-1", ""])("rejects limit=%j", (limit) => {
    expect(ok(P, { limit })).toBe(false);
  });
  it("accepts the bounds 1 and 1000", () => {
    expect(P.parse({ limit: "1" }).limit).toBe(1);
    expect(P.parse({ limit: "1000" }).limit).toBe(1000);
  });
  it.each(["-1", "abc", "1.5", "1234567890", ""])("rejects cursor=%j", (cursor) => {
    expect(message(P, { cursor })).toBe("The cursor is the nextCursor of a previous page.");
  });
});

describe("networkAddress", () => {
  it("clears the host bits", () => {
    expect(networkAddress("192.168.10.7/24")).toBe("192.168.10.0/24");
    expect(networkAddress("10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(networkAddress("172.16.5.200/30")).toBe("172.16.5.200/30");
    expect(networkAddress("172.16.5.203/30")).toBe("172.16.5.200/30");
    expect(networkAddress("8.8.8.8/32")).toBe("8.8.8.8/32");
    expect(networkAddress("8.8.8.8/0")).toBe("0.0.0.0/0");
  });
});
