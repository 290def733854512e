// Permalinks: the playground's whole state (files and settings) as JSON,
// compressed with CompressionStream("deflate-raw") and written in base64url
// into the URL fragment, so nothing is ever sent to a server.
//
// A link is untrusted input: anyone can craft one. Decoding caps the
// fragment's length, the decompressed size (counted while inflating, so a
// zip bomb stops early), the number and size of files, and checks every
// field's type; what fails is a LinkError with a message for the user.

export const PREFIX = "#v1/";

export const LIMITS = {
  fragmentChars: 4_000_000,   // the fragment itself
  stateBytes: 8_000_000,      // the JSON after inflating
  files: 500,                 // files in one link
  pathChars: 500,             // one file name
};

/** A permalink that cannot be opened; ``message`` is meant for the user. */
export class LinkError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = "LinkError";
    this.kind = kind; // "damaged" | "too-large"
  }
}

const damaged = (why) => new LinkError(`This link is damaged (${why}), so nothing was loaded.`, "damaged");
const tooLarge = (why) => new LinkError(`This link is too large to open (${why}), so nothing was loaded.`, "too-large");

function toBase64Url(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw damaged("it has characters a permalink never contains");
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  let binary;
  try { binary = atob(b64); } catch { throw damaged("it is cut short"); }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflate, giving up as soon as the output passes ``limit`` bytes. */
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const parts = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel().catch(() => {});
        throw tooLarge(`more than ${(limit / 1e6).toFixed(0)} MB of files and settings`);
      }
      parts.push(value);
    }
  } catch (err) {
    if (err instanceof LinkError) throw err;
    throw damaged("its compressed data is corrupt");
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** state (a JSON-able object) -> "#v1/<base64url(deflate-raw(json))>" */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

/** Only the fields a link may set, with their types checked. */
function checkState(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw damaged("it holds no playground");
  const files = raw.files;
  if (!files || typeof files !== "object" || Array.isArray(files)) throw damaged("it holds no files");
  const names = Object.keys(files);
  if (names.length === 0) throw damaged("it holds no files");
  if (names.length > LIMITS.files) throw tooLarge(`${names.length.toLocaleString()} files, at most ${LIMITS.files} are allowed`);
  const out = { files: {} };
  for (const name of names) {
    if (name.length > LIMITS.pathChars) throw tooLarge("a file name is too long");
    if (typeof files[name] !== "string") throw damaged(`the file ${JSON.stringify(name.slice(0, 80))} is not text`);
    out.files[name] = files[name];
  }
  if (Array.isArray(raw.folders)) {
    if (raw.folders.length > LIMITS.files) throw tooLarge(`${raw.folders.length.toLocaleString()} folders, at most ${LIMITS.files} are allowed`);
    out.folders = raw.folders.filter((f) => typeof f === "string" && f.length <= LIMITS.pathChars);
  }
  for (const key of ["entry", "current", "mode", "searchPath", "tab"]) {
    if (typeof raw[key] === "string") out[key] = raw[key];
  }
  for (const key of ["timeLimit", "maxOutput"]) {
    if (typeof raw[key] === "number" && Number.isFinite(raw[key])) out[key] = raw[key];
  }
  if (typeof raw.showTrace === "boolean") out.showTrace = raw.showTrace;
  // Never from a link alone: Live mode, or no time limit (a link could
  // otherwise start burning a core the moment it is opened).
  if (raw.live === true) out.askedLive = true;
  if (out.timeLimit !== undefined && !(out.timeLimit >= 1)) delete out.timeLimit;
  return out;
}

/**
 * "#v1/..." -> a checked state, or null when the fragment is not a
 * permalink. Throws a LinkError when it is damaged or too large.
 */
export async function decodeState(hash) {
  if (!hash || !hash.startsWith(PREFIX)) return null;
  const body = hash.slice(PREFIX.length);
  if (body.length > LIMITS.fragmentChars) throw tooLarge(`${(body.length / 1e6).toFixed(1)} million characters`);
  const bytes = await inflate(fromBase64Url(body), LIMITS.stateBytes);
  let raw;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw damaged("its contents are not valid");
  }
  return checkState(raw);
}
