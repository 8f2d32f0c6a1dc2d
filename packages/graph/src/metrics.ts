/**
 * Sizes the layout and the renderers agree on, apart from the layout itself (a page that only draws need not load
 * elkjs).
 */
/** Glyph advance assumed for the 12px sans-serif labels; the renderers clip titles to the box. */
export const CHAR_WIDTH = 7.5;
export const NODE_HEIGHT = 46;
const MIN_WIDTH = 150;
const MAX_WIDTH = 340;
export const CONTAINER_HEADER = 26;

export function nodeWidth(title: string, kindLine: string): number {
  const chars = Math.max(title.length, kindLine.length);
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars * CHAR_WIDTH + 28));
}

