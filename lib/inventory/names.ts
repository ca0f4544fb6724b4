import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/http/errors";

/**
 * Servers and clusters are both computer accounts in the domain: one name, one FQDN, shared by
 * nobody else, and the FQDN's first label is the name (HV5 is hv5.contoso.com).
 */
export async function claimComputerName(tx: Tx, name: string, fqdn: string): Promise<void> {
  if (fqdn.split(".")[0]?.toUpperCase() !== name.toUpperCase()) {
    throw new ValidationError("The request has invalid fields.", [
      {
        path: "fqdn",
        message: `The DNS name must start with the computer name: ${name.toLowerCase()}.<domain>.`,
      },
    ]);
  }
  const where = { OR: [{ name }, { fqdn }] };
  const host = await tx.host.findFirst({ where, select: { name: true, fqdn: true } });
  const cluster = host ? null : await tx.cluster.findFirst({ where, select: { name: true, fqdn: true } });
  const taken = host ?? cluster;
  if (taken) {
    throw new ConflictError(
      `The name ${name} (${fqdn}) is already in the inventory, used by the ${host ? "server" : "cluster"} ${taken.name}.`,
      { conflictsWith: { type: host ? "server" : "cluster", name: taken.name, fqdn: taken.fqdn } },
    );
  }
}
