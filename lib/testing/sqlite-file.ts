// A fresh, migrated SQLite file for a test or a benchmark, without the Prisma CLI.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SQLITE_PRAGMAS } from "../sqlite";

const MIGRATIONS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "prisma",
  "migrations",
);

/** Applies every Prisma migration in order and sets the pragmas, as the app would run the file. */
export function prepareSqliteFile(sqlite: { exec(sql: string): unknown; pragma(p: string): unknown }): void {
  const names = readdirSync(MIGRATIONS)
    .filter((name) => !name.endsWith(".toml"))
    .sort();
  for (const name of names) sqlite.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
}
