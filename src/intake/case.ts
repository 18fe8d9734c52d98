/** Case-insensitive letters in a pattern whose names must still start with a capital (no `i` flag). */
export const anyCase = (pattern: string) =>
  pattern.replace(/[a-z]/g, (ch, at: number, all: string) =>
    all[at - 1] === '\\' ? ch : `[${ch}${ch.toUpperCase()}]`,
  );
