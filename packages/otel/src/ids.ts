/**
 * Component IDs (`type` or `type/name`) and pipeline IDs (`signal` or `signal/name`), with the collector's rules
 * (component/identifiable.go, pipeline/pipeline.go; otel-config.md §2). One grammar for every consumer.
 */
import { isSignal, type Signal } from "./vocabulary.js";

/** A component type: an ASCII letter, then letters, digits or underscores; 63 characters at most. */
export const COMPONENT_TYPE = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;

/** Unicode separators (Z), control/other (C) and symbols (S) are not allowed in ID names. */
const BAD_NAME_CHAR = /[\p{Z}\p{C}\p{S}]/u;
const MAX_NAME_BYTES = 1024;

/** Splits `type/name` at the first `/` (the name may contain further `/`). */
export function splitId(id: string): { type: string; name: string } {
  const i = id.indexOf("/");
  return i === -1 ? { type: id, name: "" } : { type: id.slice(0, i), name: id.slice(i + 1) };
}

/** A section key read as a component ID. */
export interface ComponentId {
  /** The ID as the collector keys it: trimmed, `type` or `type/name`. */
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** Why the collector refuses the ID, in its words; undefined when the ID is valid. */
  readonly error?: string;
}

/** Reads a component ID the way the collector's `ID.UnmarshalText` does. */
export function parseComponentId(raw: string): ComponentId {
  const id = raw.trim();
  const { type: rawType, name: rawName } = splitId(id);
  const type = rawType.trim();
  const name = rawName.trim();
  const hasSlash = id.includes("/");
  const norm = hasSlash ? `${type}/${name}` : type;
  if (!COMPONENT_TYPE.test(type)) {
    return { id: norm, type, name, error: type === "" ? "id must not be empty" : `invalid character(s) in type "${type}"` };
  }
  if (!hasSlash) return { id: norm, type, name };
  if (name === "") return { id: norm, type, name, error: "name part must be specified after / in type/name format" };
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return { id: norm, type, name, error: `name "${name.slice(0, 20)}..." is longer than ${MAX_NAME_BYTES} characters` };
  if (BAD_NAME_CHAR.test(name)) return { id: norm, type, name, error: `invalid character(s) in name "${name}"` };
  return { id: norm, type, name };
}

/** A pipeline ID. */
export interface PipelineId {
  readonly id: string;
  readonly signal: string;
  readonly name: string;
  readonly error?: string;
}

/** Reads a pipeline ID (`traces`, `metrics/name`, `profiles/x`). */
export function parsePipelineId(raw: string): PipelineId {
  const id = raw.trim();
  const { type, name } = splitId(id);
  const signal = type.trim();
  if (!isSignal(signal)) return { id, signal, name, error: `unknown signal "${signal}"` };
  if (id.includes("/") && name.trim() === "") return { id, signal, name, error: "name part must be specified after / in type/name format" };
  return { id, signal: signal as Signal, name: name.trim() };
}
