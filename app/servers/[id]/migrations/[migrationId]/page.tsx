import { MigrationView } from "@/components/migration-view";
import { routeIds } from "../../../../route-id";

export const metadata = { title: "Migration" };

/** A move opened from this connection's tools: the same page as /migrations/:id, inside the shell. */
export default async function Page({ params }: { params: Promise<{ id: string; migrationId: string }> }) {
  const { id, migrationId } = await routeIds(params);
  return <MigrationView id={migrationId} connection={`/servers/${id}`} />;
}
