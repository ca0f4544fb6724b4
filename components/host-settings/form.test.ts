import { describe, expect, it } from "vitest";
import { DEFAULT_HOST_SETTINGS } from "@/lib/hyperv/host-settings";
import { bodyOf, checkForm, formDirty, formOf } from "./form";

const hv1 = {
  ...DEFAULT_HOST_SETTINGS,
  enabled: true,
  authentication: "Kerberos" as const,
  performanceOption: "SMB" as const,
  useAnyNetwork: false,
  networks: [
    { subnet: "10.0.0.0/24", priority: 9 },
    { subnet: "192.168.10.0/24", priority: 8 },
  ],
};

describe("the Settings form", () => {
  it("shows the networks in priority order and round-trips the settings", () => {
    const form = formOf(hv1);
    expect(form.networks.map((n) => n.subnet)).toEqual(["192.168.10.0/24", "10.0.0.0/24"]);
    const checked = checkForm(form);
    expect(checked).toEqual({
      ok: true,
      settings: { ...hv1, networks: [hv1.networks[1], hv1.networks[0]] },
    });
    expect(formDirty(form, formOf(hv1))).toBe(false);
  });

  it("sends numbers as numbers and anything else as typed, so the schema names the field", () => {
    const form = { ...formOf(hv1), maxLiveMigrations: " 4 ", maxPasses: "ten" };
    expect(bodyOf(form)).toMatchObject({ maxLiveMigrations: 4, maxPasses: "ten" });
  });

  it("reports each bad field by its path, with the server's message", () => {
    const form = formOf(hv1);
    const bad = {
      ...form,
      maxLiveMigrations: "0",
      maxStorageMigrations: "",
      maxPasses: "11",
      networks: [
        { key: 1, subnet: "192.168.10.0/33", priority: "1" },
        { key: 2, subnet: "10.0.0.0/24", priority: "x" },
      ],
    };
    const checked = checkForm(bad);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? {} : checked.errors).toEqual({
      maxLiveMigrations: "Enter a whole number from 1 to 64.",
      maxStorageMigrations: "Enter a whole number from 1 to 64.",
      maxPasses: "Enter a whole number from 1 to 10.",
      "networks.0.subnet": "Enter a subnet such as 192.168.10.0/24.",
      "networks.1.priority": "Enter a whole number from 1 to 9999.",
    });
    expect(formDirty(bad, form)).toBe(true);
  });

  it("the same subnet twice is named once every row is well formed", () => {
    const form = {
      ...formOf(hv1),
      networks: [
        { key: 1, subnet: "10.0.0.0/24", priority: "1" },
        { key: 2, subnet: "10.0.0.5/24", priority: "2" },
      ],
    };
    const checked = checkForm(form);
    expect(checked.ok ? {} : checked.errors).toEqual({
      "networks.1.subnet": "10.0.0.0/24 is already in the list.",
    });
  });

  it("a subnet typed with a host address means its network", () => {
    const form = { ...formOf(hv1), networks: [{ key: 1, subnet: " 172.16.4.9/16 ", priority: "3" }] };
    const checked = checkForm(form);
    expect(checked.ok && checked.settings.networks).toEqual([{ subnet: "172.16.0.0/16", priority: 3 }]);
  });
});
