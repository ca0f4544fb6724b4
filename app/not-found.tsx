import Link from "next/link";

export default function NotFound() {
  return (
    <main className="p-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2">This connection, tool or virtual machine does not exist in the inventory.</p>
      <Link href="/" className="mt-4 inline-block text-accent hover:underline">
        Back to All connections
      </Link>
    </main>
  );
}
