// Test helper: replaces the test database's contents with the deterministic demo estate.

import { db } from "@/lib/db";
import { buildDemoEstate, type Estate } from "@/prisma/estate";
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
