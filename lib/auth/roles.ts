// The gateway's roles. Windows Admin Center's gateway has users and administrators; the lab adds
// an operator between them, who may move VMs but not change the estate. docs/access.md lists
// what each may do, route by route.

export const ROLES = ["Viewer", "Operator", "Administrator"] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs: no one in particular, or at least a role. */
export type Need = "Anonymous" | Role;

const RANK: Record<Role, number> = { Viewer: 1, Operator: 2, Administrator: 3 };

/** Does `role` (null: nobody signed in) meet `need`? */
export function meets(role: Role | null, need: Need): boolean {
  if (need === "Anonymous") return true;
  return role !== null && RANK[role] >= RANK[need];
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  Viewer: "Reads everything and watches moves.",
  Operator: "Moves VMs, starts and stops them, and cancels or faults the moves they started.",
  Administrator: "Changes hosts, clusters and the inventory, manages users, and reads the audit log.",
};

/** Who is asking: a signed-in user, or the single local administrator of a loopback lab. */
export interface Principal {
  kind: "user" | "local";
  userId: number | null;
  name: string;
  role: Role;
}

export const LOCAL_ADMINISTRATOR: Principal = {
  kind: "local",
  userId: null,
  name: "Local administrator",
  role: "Administrator",
};

/** Cancel and lesson faults: an operator only on the moves they started; an administrator on any. */
export function controlRefusal(
  principal: Principal,
  move: { startedBy: { id: number } | null },
): string | null {
  if (principal.role === "Administrator") return null;
  if (principal.role === "Operator" && move.startedBy !== null && move.startedBy.id === principal.userId)
    return null;
  return principal.role === "Operator"
    ? "An operator may cancel or fault only the moves they started; ask an administrator."
    : "Cancelling or faulting a move needs the Operator role.";
}
