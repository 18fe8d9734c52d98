import type Database from 'libsql';

/**
 * A number that moves whenever the data may have changed: a write through this connection (node.ts
 * reports each one, and it counts at once) or a commit by any other connection, such as the
 * `cymorth` command in another process (SQLite's `PRAGMA data_version`, which counts only other
 * connections' commits). What is remembered under one number is therefore never older than the
 * last look at the pragma.
 *
 * That look costs about 7–17 µs through libSQL, so it is taken once per turn of the event loop and
 * shared by everything that asks during the turn (a Slack command asks twice: who, then the queue).
 * A commit by another process is thus seen from the next turn, a few milliseconds at most, as if
 * the requests of this turn had arrived just before it.
 */
export function dataVersion(sqlite: Database.Database) {
  const pragma = sqlite.prepare('PRAGMA data_version') as Database.Statement<unknown[]>;
  pragma.raw(true);
  let seen: unknown;
  let version = 0;
  let looked = false;
  const lookAgain = () => {
    looked = false;
  };
  return {
    wrote(): void {
      version++;
    },
    current(): number {
      if (looked) return version;
      looked = true;
      setImmediate(lookAgain);
      const [others] = pragma.get() as [number];
      if (others !== seen) {
        seen = others;
        version++;
      }
      return version;
    },
  };
}
