import type { MigrationDetail, MigrationDto, MigrationStreamEvent } from "./migration";

// One fold for both ends: the server builds the `snapshot` from the stored events with it, and
// the browser applies each live event to that snapshot in the react-query cache.

export function emptyDetail(dto: MigrationDto): MigrationDetail {
  return {
    ...dto,
    lastSeq: 0,
    passes: [],
    samples: [],
    log: [],
    stages: [],
    blackout: null,
    faults: [],
    shares: [],
    pace: null,
    repredicted: null,
  };
}

/** Applies one stream event; an event at or before `lastSeq` is already in and changes nothing. */
export function applyStreamEvent(detail: MigrationDetail, event: MigrationStreamEvent): MigrationDetail {
  if (event.seq <= detail.lastSeq) return detail;
  const next: MigrationDetail = { ...detail, lastSeq: event.seq };
  switch (event.type) {
    case "status":
      next.status = event.data.status;
      next.queuePosition = event.data.queuePosition ?? null;
      break;
    case "stage":
      if (event.data.phase === "started") {
        next.stage = event.data.stage;
        next.stages = [
          ...detail.stages,
          { stage: event.data.stage, startedAtMs: event.atMs, completedAtMs: null },
        ];
      } else {
        next.stages = detail.stages.map((s) =>
          s.stage === event.data.stage && s.completedAtMs === null ? { ...s, completedAtMs: event.atMs } : s,
        );
      }
      break;
    case "pass":
      next.passes = [...detail.passes, event.data];
      break;
    case "progress":
      // "Live Migrating, X% completed" never goes backwards.
      next.percent = Math.max(detail.percent, event.data.percent);
      next.samples = [
        ...detail.samples,
        {
          atMs: event.atMs,
          percent: event.data.percent,
          bytesPerSecond: event.data.bytesPerSecond,
          bytesSent: event.data.bytesSent,
          etaMs: event.data.etaMs,
          ...(event.data.storage
            ? {
                storage: {
                  bytesPerSecond: event.data.storage.bytesPerSecond,
                  copiedBytes: event.data.storage.copiedBytes,
                  mirroredBytes: event.data.storage.mirroredBytes,
                  bytes: event.data.storage.bytes,
                },
              }
            : {}),
        },
      ];
      break;
    case "blackout":
      next.blackout =
        event.data.phase === "started"
          ? { startedAtMs: event.atMs, downtimeMs: null }
          : { startedAtMs: detail.blackout?.startedAtMs ?? event.atMs, downtimeMs: event.data.downtimeMs };
      break;
    case "fault": {
      const effect = event.data.effect;
      next.faults = [...detail.faults, { atMs: event.atMs, fault: event.data.fault, effect }];
      // A throttle makes the old prediction stale: the engine predicted the move again from there.
      if (effect.kind === "link-slowed" && effect.prediction) {
        next.prediction = effect.prediction;
        next.repredicted = { atMs: event.atMs, bytesPerSecond: effect.bytesPerSecond };
      }
      break;
    }
    case "rollback":
      break;
    case "switchover":
      next.switchedOver = true;
      break;
    case "share":
      next.shares = [...detail.shares, { ...event.data, atMs: event.atMs }];
      break;
    case "timeline":
      next.pace = { ...event.data, sinceMs: event.atMs };
      break;
    case "log":
      next.log = [...detail.log, { ...event.data, seq: event.seq, atMs: event.atMs }];
      break;
    case "done":
      next.status = event.data.status;
      next.stage = "done";
      next.summary = event.data.summary;
      next.failure = event.data.failure;
      next.queuePosition = null;
      if (event.data.status === "succeeded") next.percent = 100;
      break;
  }
  return next;
}

export function foldEvents(dto: MigrationDto, events: readonly MigrationStreamEvent[]): MigrationDetail {
  return events.reduce(applyStreamEvent, emptyDetail(dto));
}
