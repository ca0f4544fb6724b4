import { notFound } from "next/navigation";

/** A numeric id from the URL; anything else is a page that does not exist. */
export async function routeIds<K extends string>(
  params: Promise<Record<K, string>>,
): Promise<Record<K, number>> {
  const raw = await params;
  const out = {} as Record<K, number>;
  for (const key of Object.keys(raw) as K[]) {
    const value = raw[key];
    if (!/^[1-9][0-9]{0,9}$/.test(value)) notFound();
    out[key] = Number(value);
  }
  return out;
}
