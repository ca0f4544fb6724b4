import { notFound } from "next/navigation";
import { parseRouteId } from "@/lib/schemas/common";

/** A numeric id from the URL; anything else is a page that does not exist. */
export async function routeIds<K extends string>(
  params: Promise<Record<K, string>>,
): Promise<Record<K, number>> {
  const raw = await params;
  const out = {} as Record<K, number>;
  for (const key of Object.keys(raw) as K[]) {
    const id = parseRouteId(raw[key]);
    if (id === null) notFound();
    out[key] = id;
  }
  return out;
}
