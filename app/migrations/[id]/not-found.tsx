import { MigrationNotFound } from "@/components/migration/migration-not-found";

export default function NotFound() {
  return (
    <main>
      <MigrationNotFound />
    </main>
  );
}
