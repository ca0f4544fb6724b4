// Test helper: replaces the test database's contents with the deterministic demo estate.

import { db } from "@/lib/db";
import { buildBareDomainEstate, buildDemoEstate, type Estate } from "@/prisma/estate";
import { writeEstate } from "@/prisma/write-estate";

export const demo: Estate = buildDemoEstate();

export async function seedDemo(): Promise<void> {
  const setupError = (globalThis as { lmlTestDbError?: unknown }).lmlTestDbError;
  if (setupError) {
    throw new Error("lib/testing/setup-db.ts could not create the test database", { cause: setupError });
  }
  await writeEstate(db, demo);
}

/** The demo row named `name`, or a thrown error (keeps tests free of magic ids). */
export function idOf(table: "hosts" | "vms" | "clusters", name: string): number {
  const row = (demo[table] as { id?: number; name: string }[]).find((r) => r.name === name);
  if (!row?.id) throw new Error(`no ${table} row named ${name} in the demo estate`);
  return row.id;
}

export const bare: Estate = buildBareDomainEstate();

/** The guided lab's bare domain: DC1, HV1, HV2 and SRV3 with its four data disks, nothing else. */
export async function seedBareDomain(): Promise<void> {
  await writeEstate(db, bare);
}

/** A row of the bare domain by name (hosts), or its data disk by number on SRV3. */
export function bareHost(name: string): number {
  const row = bare.hosts.find((h) => h.name === name);
  if (!row?.id) throw new Error(`no host named ${name} in the bare domain`);
  return row.id;
}
export function bareDataDisk(number: number): number {
  const row = bare.dataDisks.find((d) => d.number === number);
  if (!row?.id) throw new Error(`no data disk ${number} in the bare domain`);
  return row.id;
}
