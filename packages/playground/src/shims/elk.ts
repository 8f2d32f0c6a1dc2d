/**
 * elkjs in the page, loaded when the first graph is laid out rather than with the page: evaluating elk's code
 * takes longer than the first conversion itself, and the conversion should not wait for it. The build copies
 * elkjs's bundled script beside the page as elk.js; as a classic script it defines `window.ELK`.
 */
interface Elk {
  layout(graph: unknown, options?: unknown): Promise<unknown>;
}
type ElkConstructor = new () => Elk;

let loading: Promise<ElkConstructor> | undefined;

function load(): Promise<ElkConstructor> {
  return (loading ??= new Promise<ElkConstructor>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "elk.js";
    script.onload = () => {
      const ctor = (window as unknown as { ELK?: ElkConstructor }).ELK;
      if (ctor) resolve(ctor);
      else reject(new Error("elk.js did not define ELK"));
    };
    script.onerror = () => reject(new Error("elk.js (the graph layout) could not be loaded"));
    document.head.append(script);
  }));
}

export default class LazyElk implements Elk {
  private inner: Promise<Elk> | undefined;
  layout(graph: unknown, options?: unknown): Promise<unknown> {
    this.inner ??= load().then((Ctor) => new Ctor());
    return this.inner.then((elk) => elk.layout(graph, options));
  }
}
