import { MigrationHistory } from "@/components/migration/migration-history";

export const metadata = { title: "Migrations" };

export default function Page() {
  return <MigrationHistory />;
}
