// Integration: a Settings-tool change through updateHost, on a real SQLite file.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import { MigrationSettingsInput } from "@/lib/schemas/host";
import { idOf, seedDemo } from "@/lib/testing/seed";
import { readMigrationSettings } from "./host-settings";
import { updateHost } from "./hosts";

const HV3 = idOf("hosts", "HV3");
const HV4 = idOf("hosts", "HV4");
/** The lab's lines about settings changes (the seed has a lab hint of its own on HV4). */
const labLines = (hostId?: number) =>
  db.eventLogEntry.findMany({
    where: {
      ...(hostId ? { hostId } : {}),
      channel: CHANNEL.lab,
      message: { startsWith: "Hyper-V host settings" },
    },
    orderBy: { id: "asc" },
  });

beforeEach(seedDemo);

describe("a Settings-tool change", () => {
  it("writes the settings and one lab log line with the PowerShell", async () => {
    await updateHost(HV4, {
      migration: MigrationSettingsInput.parse({
        enabled: true,
        maxLiveMigrations: 4,
        authentication: "Kerberos",
        performanceOption: "SMB",
      }),
    });
    const settings = await db.$transaction((tx) => readMigrationSettings(tx, HV4));
    expect(settings).toMatchObject({
      enabled: true,
      maxLiveMigrations: 4,
      authentication: "Kerberos",
      performanceOption: "SMB",
    });
    const lines = await labLines(HV4);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ eventId: 0, level: "Information" });
    expect(lines[0]?.message.split("\n")).toEqual([
      "Hyper-V host settings of HV4 changed (lab entry: Hyper-V logs no event for this). Moves that start from now on use them; a move already running keeps the settings it started with.",
      "Enable-VMMigration -ComputerName HV4",
      "Set-VMHost -MaximumVirtualMachineMigrations 4 -VirtualMachineMigrationAuthenticationType Kerberos -VirtualMachineMigrationPerformanceOption SMB -ComputerName HV4",
    ]);
  });

  it("sending the values the host already has changes nothing and logs nothing", async () => {
    await updateHost(HV3, { migration: { enabled: true, maxLiveMigrations: 2, networks: [] } });
    expect(await labLines(HV3)).toEqual([]);
  });

  it("the network list is replaced by subnet: kept rows keep their id, priorities change in place", async () => {
    const send = (networks: { subnet: string; priority: number }[]) =>
      updateHost(HV3, { migration: MigrationSettingsInput.parse({ useAnyNetwork: false, networks }) });
    await send([
      { subnet: "192.168.10.0/24", priority: 8 },
      { subnet: "10.0.0.0/24", priority: 9 },
    ]);
    const kept = await db.migrationNetwork.findFirstOrThrow({
      where: { hostId: HV3, subnet: "192.168.10.0/24" },
    });
    // 172.16.5.9/16 is saved as its network address.
    const host = await send([
      { subnet: "192.168.10.0/24", priority: 2 },
      { subnet: "172.16.5.9/16", priority: 3 },
    ]);
    expect(host.migration?.networks.map((n) => [n.subnet, n.priority])).toEqual([
      ["192.168.10.0/24", 2],
      ["172.16.0.0/16", 3],
    ]);
    const again = await db.migrationNetwork.findFirstOrThrow({
      where: { hostId: HV3, subnet: "192.168.10.0/24" },
    });
    expect(again.id).toBe(kept.id);
    const last = (await labLines(HV3)).at(-1)?.message.split("\n").slice(1);
    expect(last).toEqual([
      "Remove-VMMigrationNetwork 10.0.0.0/24 -ComputerName HV3",
      "Set-VMMigrationNetwork 192.168.10.0/24 -NewPriority 2 -ComputerName HV3",
      "Add-VMMigrationNetwork 172.16.0.0/16 -Priority 3 -ComputerName HV3",
    ]);
  });

  it("a refused request writes neither settings nor a log line", async () => {
    await expect(updateHost(idOf("hosts", "DC1"), { migration: { enabled: true } })).rejects.toMatchObject({
      status: 409,
    });
    expect(await labLines()).toEqual([]);
  });
});

describe("MigrationSettingsInput", () => {
  it("reports a bad subnet, a repeated subnet and a bad priority by path", () => {
    const r = MigrationSettingsInput.safeParse({
      networks: [
        { subnet: "192.168.10.0/33", priority: 1 },
        { subnet: "10.0.0.0/24", priority: 0 },
        { subnet: "10.0.0.7/24", priority: 2 },
      ],
    });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["networks.0.subnet", "Enter a subnet such as 192.168.10.0/24."],
      ["networks.1.priority", "Enter a whole number from 1 to 9999."],
      ["networks.2.subnet", "10.0.0.0/24 is already in the list."],
    ]);
  });
});
