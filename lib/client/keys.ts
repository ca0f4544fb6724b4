// Query-key factories: one per resource, so invalidation can target a list, a detail or all.
export const hostKeys = {
  all: ["hosts"] as const,
  lists: () => [...hostKeys.all, "list"] as const,
  list: (filter: object) => [...hostKeys.lists(), filter] as const,
  detail: (id: number) => [...hostKeys.all, "detail", id] as const,
};
export const clusterKeys = {
  all: ["clusters"] as const,
  lists: () => [...clusterKeys.all, "list"] as const,
  list: (filter: object) => [...clusterKeys.lists(), filter] as const,
  detail: (id: number) => [...clusterKeys.all, "detail", id] as const,
};
export const vmKeys = {
  all: ["vms"] as const,
  lists: () => [...vmKeys.all, "list"] as const,
  list: (filter: object) => [...vmKeys.lists(), filter] as const,
  summary: (filter: object) => [...vmKeys.all, "summary", filter] as const,
  detail: (id: number) => [...vmKeys.all, "detail", id] as const,
};
export const storageKeys = { all: ["storage"] as const };
export const activeDirectoryKeys = { all: ["active-directory"] as const };
export const iscsiKeys = {
  all: ["iscsi"] as const,
  target: (hostId: number) => [...iscsiKeys.all, "target", hostId] as const,
  initiator: (hostId: number) => [...iscsiKeys.all, "initiator", hostId] as const,
};
export const eventLogKeys = {
  all: ["event-log"] as const,
  list: (filter: object) => [...eventLogKeys.all, filter] as const,
};

/**
 * After any change to the inventory: a VM action moves host memory, cluster role counts and the
 * event log; a host change moves clusters. The inventory is small, so refresh all of it.
 */
export function invalidateInventory(client: {
  invalidateQueries: (filter: { queryKey: readonly unknown[] }) => unknown;
}) {
  for (const queryKey of [
    hostKeys.all,
    clusterKeys.all,
    vmKeys.all,
    storageKeys.all,
    iscsiKeys.all,
    eventLogKeys.all,
    activeDirectoryKeys.all,
  ]) {
    void client.invalidateQueries({ queryKey });
  }
}
export const migrationKeys = {
  all: ["migrations"] as const,
  lists: () => [...migrationKeys.all, "list"] as const,
  list: (filter: object) => [...migrationKeys.lists(), filter] as const,
  detail: (id: number) => [...migrationKeys.all, "detail", id] as const,
  compare: (input: object) => [...migrationKeys.all, "compare", input] as const,
};
