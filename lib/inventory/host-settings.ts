import "server-only";
import type { Tx } from "@/lib/db";
import {
  DEFAULT_HOST_SETTINGS,
  type HostMigrationSettings,
  networkChanges,
  settingsDiffer,
} from "@/lib/hyperv/host-settings";
import { hostSettingsPowerShell } from "@/lib/hyperv/powershell";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import type { MigrationSettingsInput } from "@/lib/schemas/host";

/** A host's stored settings in the form's shape; Hyper-V's defaults when it has none. */
export async function readMigrationSettings(tx: Tx, hostId: number): Promise<HostMigrationSettings> {
  const [row, networks] = await Promise.all([
    tx.migrationSettings.findUnique({ where: { hostId } }),
    tx.migrationNetwork.findMany({
      where: { hostId },
      select: { subnet: true, priority: true },
      orderBy: [{ priority: "asc" }, { subnet: "asc" }],
    }),
  ]);
  if (!row) return { ...DEFAULT_HOST_SETTINGS, networks };
  const { hostId: _, ...settings } = row;
  return { ...settings, networks };
}

/** The lab's own log line for a settings change: Hyper-V writes no event for one. */
export function settingsChangedText(host: string, script: string): string {
  return `Hyper-V host settings of ${host} changed (lab entry: Hyper-V logs no event for this). Moves that start from now on use them; a move already running keeps the settings it started with.\n${script}`;
}

/**
 * Applies a Settings-tool change to one host inside the caller's transaction: the settings row,
 * the incoming networks when sent (the list is replaced whole: subnet and priority are its rows),
 * and a lab log line with the equivalent PowerShell. No change, no write and no line.
 */
export async function writeMigrationSettings(
  tx: Tx,
  host: { id: number; name: string },
  input: MigrationSettingsInput,
  now: Date,
): Promise<{ changed: boolean; script: string }> {
  const before = await readMigrationSettings(tx, host.id);
  const { networks, ...scalars } = input;
  const after: HostMigrationSettings = { ...before, ...scalars, networks: networks ?? before.networks };
  if (!settingsDiffer(before, after)) return { changed: false, script: "" };
  const { networks: _, ...row } = after;
  await tx.migrationSettings.upsert({
    where: { hostId: host.id },
    create: { hostId: host.id, ...row },
    update: row,
  });
  const n = networkChanges(before.networks, after.networks);
  if (n.removed.length > 0) {
    await tx.migrationNetwork.deleteMany({ where: { hostId: host.id, subnet: { in: n.removed } } });
  }
  for (const net of n.reprioritised) {
    await tx.migrationNetwork.update({
      where: { hostId_subnet: { hostId: host.id, subnet: net.subnet } },
      data: { priority: net.priority },
    });
  }
  if (n.added.length > 0) {
    await tx.migrationNetwork.createMany({ data: n.added.map((net) => ({ hostId: host.id, ...net })) });
  }
  const script = hostSettingsPowerShell(host.name, before, after);
  await tx.eventLogEntry.create({
    data: {
      channel: CHANNEL.lab,
      eventId: 0,
      level: "Information",
      hostId: host.id,
      message: settingsChangedText(host.name, script),
      time: now,
    },
  });
  return { changed: true, script };
}
