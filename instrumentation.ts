export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { dbReady } = await import("@/lib/db");
    await dbReady();
    // Resolve the moves a previous server left running before the first request sees them.
    const { readyMigrations } = await import("@/lib/migrations");
    try {
      await readyMigrations();
    } catch (error) {
      // A bad LAB_SPEED (or similar) must stop the server with its reason, not answer 500s.
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
