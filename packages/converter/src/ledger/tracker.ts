/**
 * Which YAML settings a conversion read, and for what. The engine marks every key it looks up while it
 * evaluates a component description; a setting no row read is one the conversion did not carry. Marks are kept
 * per YAML container (the loader's Maps and arrays), so the same key in two places is two settings.
 */

/** What a lookup was made for: an Alloy attribute (or block) of the component being converted. */
export interface Attribution {
  /** `grpc.endpoint`, relative to the converted block. */
  readonly alloyPath: string;
  /** Set by the engine's writer: whether the attribute was written (false: omitted as Alloy's default). */
  written?: boolean;
  /** Alloy's default, as text, when the attribute was omitted. */
  readonly defaultText?: string;
}

export interface Mark {
  /** The whole value under the key was consumed (a scalar, or a list or map converted as one value). */
  readonly deep: boolean;
  /** The lookup was the attribute's own setting (not one read to compute another attribute). */
  readonly own: boolean;
  readonly by?: Attribution;
  /** The Alloy block being evaluated when the key was read (for presence keys such as `tls:`). */
  readonly block: string;
}

export class ReadTracker {
  private readonly marks = new WeakMap<object, Map<string, Mark>>();
  /** The attribute being evaluated, if any. */
  current: Attribution | undefined;
  /** True while the engine reads the current attribute's own setting. */
  own = false;
  /** Alloy block path being evaluated (`grpc`, `grpc.keepalive`). */
  readonly blocks: string[] = [];

  mark(container: object, key: string, deep: boolean): void {
    let m = this.marks.get(container);
    if (m === undefined) this.marks.set(container, (m = new Map()));
    const prev = m.get(key);
    // A deep read wins over a presence check; the first attribute that read a key keeps it.
    if (prev !== undefined && (prev.deep || !deep)) return;
    m.set(key, { deep, own: this.own && this.current !== undefined, by: this.current, block: this.blocks.join(".") });
  }

  markOf(container: object, key: string): Mark | undefined {
    return this.marks.get(container)?.get(key);
  }
}
