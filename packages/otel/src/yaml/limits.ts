/** Deeper nesting is refused with an error instead of exhausting the stack of every later tree walk. */
export const MAX_DEPTH = 512;

/** Upper bound on the number of nodes produced by expanding aliases (ordinary nodes are not counted). */
export const MAX_ALIAS_NODES = 50_000;
