/**
 * The page's state in the URL fragment, so that a link reproduces it: `#z=` and the deflate-compressed JSON in
 * base64url (CompressionStream), or `#j=` and the plain JSON in base64url where the browser has no
 * CompressionStream. The fragment never reaches a server.
 */
export interface PageState {
  /** The editor's text. */
  text: string;
  /** "auto", "otelcol" or "alloy". */
  input: string;
  /** The conversion tab shown. */
  tab: string;
}

const toBase64Url = (bytes: Uint8Array): string => {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromBase64Url = (s: string): Uint8Array => {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeState(state: PageState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  if (typeof CompressionStream === "undefined") return "j=" + toBase64Url(json);
  return "z=" + toBase64Url(await through(json, new CompressionStream("deflate-raw")));
}

/** The state a fragment holds, or undefined when it holds none or cannot be read. */
export async function decodeState(fragment: string): Promise<PageState | undefined> {
  const m = /^#?([zj])=([A-Za-z0-9_-]*)$/.exec(fragment);
  if (!m) return undefined;
  try {
    const bytes = m[1] === "z" ? await through(fromBase64Url(m[2]!), new DecompressionStream("deflate-raw")) : fromBase64Url(m[2]!);
    const v = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PageState>;
    if (typeof v.text !== "string") return undefined;
    return { text: v.text, input: typeof v.input === "string" ? v.input : "auto", tab: typeof v.tab === "string" ? v.tab : "" };
  } catch {
    return undefined;
  }
}
