/** `node:url` in the page: file URLs of the in-page file system. */
export const fileURLToPath = (u: string | URL): string => decodeURIComponent(new URL(String(u)).pathname);
export const pathToFileURL = (p: string): URL => new URL("file://" + encodeURI(p));
export default { fileURLToPath, pathToFileURL };
