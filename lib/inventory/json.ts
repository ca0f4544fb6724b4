/** Roles and tags are JSON arrays of strings in SQLite; a damaged value reads as empty. */
export function parseList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function pageOf<T>(items: T[], offset: number, limit: number, total: number) {
  const end = offset + items.length;
  return { items, nextCursor: end < total && items.length === limit ? String(end) : null, total };
}
