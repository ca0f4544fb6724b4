import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, writeTransaction } from "@/lib/db";
import { pageOf } from "@/lib/inventory/json";
import type { AuditEntryDto, AuditQuery } from "@/lib/schemas/auth";
import type { Principal } from "./roles";

// The audit log: every change, every refused attempt and every failed sign-in, with who, role,
// when, what, from which address, and the outcome.

export interface AuditRecord {
  principal: Principal | null;
  /** When no one is signed in: the name the attempt gave (a failed sign-in). */
  claimedName?: string;
  action: string;
  method: string;
  path: string;
  target?: string;
  address: string;
  status: number;
  message?: string;
}

export function outcomeOf(status: number): AuditEntryDto["outcome"] {
  if (status < 400) return "succeeded";
  if (status === 401 || status === 403 || status === 429) return "refused";
  return "failed";
}

export async function recordAudit(entry: AuditRecord, at = new Date()): Promise<void> {
  await writeTransaction((tx) =>
    tx.auditEntry.create({
      data: {
        at,
        user:
          entry.principal?.name ?? (entry.claimedName ? `${entry.claimedName} (not signed in)` : "anonymous"),
        role: entry.principal?.role ?? "none",
        action: entry.action,
        method: entry.method,
        path: entry.path,
        target: entry.target ?? null,
        address: entry.address,
        status: entry.status,
        outcome: outcomeOf(entry.status),
        message: entry.message?.slice(0, 500) ?? null,
      },
    }),
  );
}

export async function listAudit(query: AuditQuery) {
  const where: Prisma.AuditEntryWhereInput = {
    ...(query.user ? { user: { contains: query.user } } : {}),
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from || query.to
      ? {
          at: {
            ...(query.from ? { gte: new Date(query.from) } : {}),
            ...(query.to ? { lte: new Date(query.to) } : {}),
          },
        }
      : {}),
  };
  const offset = Number(query.cursor ?? 0);
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({ where, orderBy: { id: "desc" }, skip: offset, take: query.limit }),
    db.auditEntry.count({ where }),
  ]);
  const items: AuditEntryDto[] = rows.map((r) => ({
    ...r,
    at: r.at.toISOString(),
    outcome: outcomeOf(r.status),
  }));
  return pageOf(items, offset, query.limit, total);
}
