import { MigrationView } from "@/components/migration-view";
import { routeIds } from "../../route-id";

export const metadata = { title: "Migration" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await routeIds(params);
  return (
    <main className="h-full overflow-y-auto bg-page">
      <MigrationView id={id} />
    </main>
  );
}
