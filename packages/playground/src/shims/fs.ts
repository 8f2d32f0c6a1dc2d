/**
 * `node:fs` in the page: a read-only file system holding the component schemas (schemas/ of the repository,
 * embedded by the build as `/schemas/...`), which is all the validator's registry reads. Writing is refused: the
 * page keeps nothing and sends nothing.
 */
import { files } from "alloy-playground:schemas";

const directories = new Set<string>();
for (const name of Object.keys(files)) {
  for (let i = name.lastIndexOf("/"); i > 0; i = name.lastIndexOf("/", i - 1)) directories.add(name.slice(0, i));
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
    if (name.startsWith(prefix)) names.add(name.slice(prefix.length).split("/")[0]);
  }
  return [...names].sort();
}

export function statSync(p: string): { isFile(): boolean; isDirectory(): boolean; size: number } {
  if (!existsSync(p)) throw notFound(p);
  const isFile = p in files;
  return { isFile: () => isFile, isDirectory: () => !isFile, size: isFile ? files[p].length : 0 };
}

export const appendFileSync = (): never => unavailable("writing files");
export const writeFileSync = (): never => unavailable("writing files");
export const mkdirSync = (): never => unavailable("writing files");

export default { existsSync, readFileSync, readdirSync, statSync, appendFileSync, writeFileSync, mkdirSync };
