// A migration row's typed columns: the words kept in String columns and the JSON columns, as the
// engine's and the API's types. Pure, so the store, the service and the event mapping share it.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { MigrationInput, MigrationSummary, Prediction } from "@/lib/engine/types";
import {
  MIGRATION_KINDS,
  MIGRATION_STAGES,
  type MigrationKind,
  type MigrationStage,
  STARTED_FROM,
  type StartedFrom,
} from "@/lib/schemas/migration";

/**
 * The words a migration row keeps in String columns (schema.prisma says why they are not enums),
 * checked as they leave the database.
 */
const Kind = z.enum(MIGRATION_KINDS);
const From = z.enum(STARTED_FROM);
const Stage = z.enum(MIGRATION_STAGES);
export const rowWords = {
  kind: (value: string): MigrationKind => Kind.parse(value),
  startedFrom: (value: string): StartedFrom => From.parse(value),
  stage: (value: string): MigrationStage => Stage.parse(value),
};

/** What the service writes into a migration's JSON columns: the engine's own types. */
interface MigrationJson {
  input: MigrationInput;
  prediction: Prediction;
  summary: MigrationSummary;
  switchMap: Record<string, string>;
}

/** A JSON column as the type it was written from (the one place that trusts the database). */
export function readJson<K extends keyof MigrationJson>(
  _column: K,
  value: Prisma.JsonValue,
): MigrationJson[K] {
  return value as unknown as MigrationJson[K];
}

/** A value of the engine's types as a JSON column. */
export function asJson(value: MigrationJson[keyof MigrationJson]): Prisma.InputJsonValue {
  return value as unknown as Prisma.InputJsonValue;
}
