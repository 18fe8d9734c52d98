/**
 * Loads a heavy library on first use, once. The API server would otherwise carry mail, spreadsheet
 * and PDF code (about 100 MB of heap together) from start-up, whether or not anything needs it.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
