import "server-only";
import { db } from "@/lib/db";

const SEARCHABLE = {
  Vm: ["name"],
  Host: ["name", "fqdn"],
  Cluster: ["name", "fqdn"],
} as const;

/**
 * Ids of the rows whose columns contain `q`, ignoring case. Prisma's `contains` becomes an
 * unescaped LIKE on SQLite, where `_` and `%` match anything; instr() takes the text literally.
 */
export async function idsContaining(table: keyof typeof SEARCHABLE, q: string): Promise<number[]> {
  const test = SEARCHABLE[table].map((c) => `instr(lower("${c}"), lower(?)) > 0`).join(" OR ");
  const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT id FROM "${table}" WHERE ${test}`,
    ...SEARCHABLE[table].map(() => q),
  );
  return rows.map((r) => Number(r.id));
}
