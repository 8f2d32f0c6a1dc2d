/** `node:path` in the page: the POSIX operations the bundled packages use, over the in-page file system. */
function normalize(p: string): string {
  const absolute = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
    } else out.push(part);
  }
  return (absolute ? "/" : "") + out.join("/") || (absolute ? "/" : ".");
}

export const sep = "/";
export const delimiter = ":";
export const join = (...parts: string[]): string => normalize(parts.filter((x) => x !== "").join("/"));
export const resolve = (...parts: string[]): string => {
  let p = "";
  for (const part of parts) p = part.startsWith("/") ? part : p + "/" + part;
  return normalize(p.startsWith("/") ? p : "/" + p);
};
export const isAbsolute = (p: string): boolean => p.startsWith("/");
export const dirname = (p: string): string => {
  const n = normalize(p);
  const i = n.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : n.slice(0, i);
};
export const basename = (p: string, ext?: string): string => {
  const b = p.replace(/\/+$/, "").split("/").pop() ?? "";
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
};
export const extname = (p: string): string => {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 ? "" : b.slice(i);
};
export const relative = (from: string, to: string): string => {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
};
const path = { sep, delimiter, join, resolve, isAbsolute, dirname, basename, extname, relative, normalize, posix: undefined as unknown };
path.posix = path;
export { normalize };
export default path;
