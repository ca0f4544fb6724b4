// How every connection to the lab's SQLite file is set up: the server, the seed, the tests and
// the benchmarks import these, so they all run the file the same way.

/** How long a connection waits for another process's write lock before it reports "busy". */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * WAL lets the server, the seed and the tests share one file, and readers see a writer's commits
 * at once. It persists in the file, but a fresh file needs it again.
 *
 * better-sqlite3 builds SQLite with WAL's synchronous level at NORMAL (lib/db.test.ts checks both
 * connections): a commit is written to the WAL without waiting for an fsync. A killed server
 * (kill -9, a crash) loses nothing it committed, since the bytes are in the OS's cache; only a
 * power cut could take back the last commits, and the file stays consistent.
 */
export const SQLITE_PRAGMAS = ["journal_mode = WAL"] as const;
