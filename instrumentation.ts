export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { dbReady } = await import("@/lib/db");
    await dbReady();
    // Resolve the moves a previous server left running before the first request sees them.
    const { readyMigrations } = await import("@/lib/migrations");
    await readyMigrations();
  }
}
