// A read that many requests for the same thing may share: when a class reconnects at once, five
// hundred streams of one move would otherwise each read and fold the same stored events for their
// snapshot. A read is shared by every caller that asks before it starts (it starts on the next turn
// of the event loop) and never by one who asks after it started. A stream subscribes to the bus
// before it asks for its snapshot, so the snapshot it gets was still read after it subscribed:
// whatever was published in between is in the snapshot or in the stream's buffer, never lost.

export class SharedReads<K, V> {
  private readonly pending = new Map<K, Promise<V>>();

  constructor(private readonly read: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let shared = this.pending.get(key);
    if (!shared) {
      shared = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        // From here on a new caller starts a read of its own.
        this.pending.delete(key);
        return this.read(key);
      });
      this.pending.set(key, shared);
    }
    return shared;
  }

  /** Reads asked for and not yet started (for tests). */
  get waiting(): number {
    return this.pending.size;
  }
}
