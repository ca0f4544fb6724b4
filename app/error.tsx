"use client";

export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <main role="alert" className="p-8">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2">{error.message}</p>
      <button type="button" onClick={reset} className="mt-4 text-accent hover:underline">
        Try again
      </button>
    </main>
  );
}
