export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { dbReady } = await import("@/lib/db");
    await dbReady();
    try {
      // A bad LAB_HOST / LAB_AUTH / LAB_SPEED must stop the server with its reason, not answer 500s.
      const { currentGatewayConfig } = await import("@/lib/auth/gate");
      const gateway = currentGatewayConfig();
      const { firstAdministratorAnnouncement } = await import("@/lib/auth/first-start");
      const announcement = await firstAdministratorAnnouncement(gateway, process.env.PORT ?? "3000");
      if (announcement) console.log(announcement);
      const { writeServerMarker } = await import("@/lib/lab/server-marker");
      writeServerMarker(gateway, process.env.PORT ?? "3000");
      // Resolve the moves a previous server left running before the first request sees them.
      const { readyMigrations } = await import("@/lib/migrations");
      await readyMigrations();
      // The event streams, for the lab's own server (scripts/serve.mjs) to answer without Next's
      // response piping; under `next dev` nothing looks them up and Next serves the same routes.
      const { registerNativeRoutes } = await import("@/lib/http/native");
      const migrationEvents = await import("@/app/api/migrations/[id]/events/route");
      const events = await import("@/app/api/events/route");
      registerNativeRoutes([
        {
          pattern: /^\/api\/migrations\/([^/]+)\/events$/,
          answer: (request, [id = ""]) => migrationEvents.GET(request, { params: Promise.resolve({ id }) }),
        },
        {
          pattern: /^\/api\/events$/,
          answer: (request) => events.GET(request, { params: Promise.resolve({}) }),
        },
      ]);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
