/**
 * Reads that many concurrent requests share without ever answering from stale data.
 *
 * A caller waits for a read that starts after it asked, so the read sees everything committed
 * before the caller came in — the same guarantee as a query of its own. Reads run one at a time:
 * while one is in flight, every caller that arrives joins the next, which then reads all their
 * keys in one query. Under load one query answers for many requests; a lone request costs one
 * query, as it would without this.
 */

export type FreshRead<K, V> = (key: K) => Promise<V | undefined>;

interface Batch<K, V> {
  keys: Set<K>;
  /** Settles with the values of `keys` once the read has run. */
  done: Promise<Map<K, V>>;
  start(): void;
}

/** `read(keys)` answers the keys it found; a key it leaves out reads as `undefined`. */
export function freshReads<K, V>(read: (keys: K[]) => Promise<Map<K, V>>): FreshRead<K, V> {
  let running = false;
  let next: Batch<K, V> | null = null;

  function newBatch(): Batch<K, V> {
    const keys = new Set<K>();
    let start!: () => void;
    const done = new Promise<Map<K, V>>((resolve, reject) => {
      start = () => {
        read([...keys]).then(resolve, reject);
      };
    });
    return { keys, done, start };
  }

  function run(batch: Batch<K, V>): void {
    running = true;
    batch.start();
    const after = (): void => {
      running = false;
      const queued = next;
      next = null;
      if (queued) run(queued);
    };
    batch.done.then(after, after);
  }

  return async (key) => {
    if (running) {
      const batch = (next ??= newBatch());
      batch.keys.add(key);
      return (await batch.done).get(key);
    }
    const batch = newBatch();
    batch.keys.add(key);
    run(batch);
    return (await batch.done).get(key);
  };
}
