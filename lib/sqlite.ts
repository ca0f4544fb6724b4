// How every connection to the lab's SQLite file is set up: the server, the seed, the tests and
// the benchmarks import these, so they all run the file the same way.

/** How long a connection waits for another process's write lock before it reports "busy". */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * WAL lets the server, the seed and the tests share one file, and readers see a writer's commits
 * at once. It persists in the file, but a fresh file needs it again.
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL"] as const;
