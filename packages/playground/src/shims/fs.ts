/**
 * `node:fs` in the page: a read-only file system holding the component schemas (schemas/ of the repository, as
 * `/schemas/...`), which is all the validator's registry reads. The build writes them to schemas.js beside the page,
 * loaded by `loadSchemas` after the first conversion is on screen (the converter does not read them) and before
 * anything validates. Writing is refused: the page keeps nothing and sends nothing.
 */
type Files = Record<string, string>;
let files: Files = {};
const directories = new Set<string>();
let loading: Promise<void> | undefined;

/** Loads schemas.js once; validation must wait for it (the registry keeps the first index it reads). */
export function loadSchemas(): Promise<void> {
  return (loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "schemas.js";
    script.onload = () => {
      files = (globalThis as { alloyPlaygroundSchemas?: Files }).alloyPlaygroundSchemas ?? {};
      for (const name of Object.keys(files)) {
        for (let i = name.lastIndexOf("/"); i > 0; i = name.lastIndexOf("/", i - 1)) directories.add(name.slice(0, i));
      }
      resolve();
    };
    script.onerror = () => reject(new Error("schemas.js (the component schemas) could not be loaded"));
    document.head.append(script);
  }));
}

function notFound(p: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: "ENOENT" });
}

function unavailable(what: string): never {
  throw new Error(`${what} is not available in the browser playground`);
}

export function existsSync(p: string): boolean {
  return p in files || directories.has(p);
}

export function readFileSync(p: string, encoding?: unknown): string | Uint8Array {
  const text = files[p];
  if (text === undefined) throw notFound(p);
  return encoding === undefined ? new TextEncoder().encode(text) : text;
}

export function readdirSync(dir: string): string[] {
  if (!directories.has(dir)) throw notFound(dir);
  const prefix = dir + "/";
  const names = new Set<string>();
  for (const name of [...Object.keys(files), ...directories]) {
    if (name.startsWith(prefix)) names.add(name.slice(prefix.length).split("/")[0]!);
  }
  return [...names].sort();
}

export function statSync(p: string): { isFile(): boolean; isDirectory(): boolean; size: number } {
  if (!existsSync(p)) throw notFound(p);
  const isFile = p in files;
  return { isFile: () => isFile, isDirectory: () => !isFile, size: isFile ? files[p]!.length : 0 };
}

export const appendFileSync = (): never => unavailable("writing files");
export const writeFileSync = (): never => unavailable("writing files");
export const mkdirSync = (): never => unavailable("writing files");

export default { existsSync, readFileSync, readdirSync, statSync, appendFileSync, writeFileSync, mkdirSync };
