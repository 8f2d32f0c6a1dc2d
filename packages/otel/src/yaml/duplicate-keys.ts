/**
 * Finds a repeated key in any mapping of a parsed YAML document, in linear time.
 *
 * Why this exists: the `yaml` package's own check (`uniqueKeys: true`) compares every new key with every key
 * already in its mapping, so a mapping of n keys costs n²/2 comparisons. A collector configuration keeps all of
 * its receivers, processors and exporters in one mapping each, and at 50,000 lines that check was over a third
 * of the parse time. The loader parses with `uniqueKeys: false` and asks this scan instead; only when it finds a
 * repeat does the loader parse again with the package's check, so that the reported error is the package's own.
 */
import { isCollection, isMap, isPair, isScalar, type Node } from "yaml";

/**
 * Whether any mapping under `root` has two keys the `yaml` package counts as equal: two scalars whose resolved
 * values are `===` (so `1` and `"1"` differ, `1` and `0x1` do not, and `.nan` never repeats). Keys that are
 * collections or aliases are distinct nodes and never repeat. Aliases are not followed: the node they name is
 * scanned where it is written.
 */
export function hasDuplicateKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) && node.items.length > 1 ? new Set<unknown>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      const key = item.key as Node | null;
      if (seen && isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) return true;
        seen.add(key.value);
      }
      stack.push(key, item.value);
    }
  }
  return false;
}
