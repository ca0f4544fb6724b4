import Link from "next/link";

/** A migration id that names nothing (also inside a connection's shell, whose tool pane stays). */
export function MigrationNotFound() {
  return (
    <div className="p-8">
      <h1 className="text-2xl font-semibold">Migration not found</h1>
      <p className="mt-2">
        No migration with this id exists. It may have been removed with its virtual machine.
      </p>
      <Link href="/migrations" className="mt-4 inline-block text-accent hover:underline">
        Back to Migrations
      </Link>
    </div>
  );
}
