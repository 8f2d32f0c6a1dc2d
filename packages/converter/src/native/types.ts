/**
 * Native mappings: collector component types that Alloy has components for but upstream's converter does not map
 * (alloy-otel-engine.md "The default engine has more than upstream's converter maps"). They are used only outside
 * `--compat=upstream`. Most are ordinary component descriptions run by the generic engine; three roles need the
 * conversion's cooperation and are marked here:
 * - `absorbed`: nothing is emitted (Alloy itself provides the feature); an Info names what replaces it;
 * - `direct`: a connector that only forwards data; its upstream pipelines output straight into its downstream
 *   pipelines' consumers;
 * - `carried`: (hybrid dialect) a component without an Alloy equivalent, written as an `otel.<kind>.<type>` block
 *   holding its collector settings, wired like any `otelcol.*` component.
 */
import type { ComponentDescription } from "../engine/description.js";

export type NativeRole =
  | { readonly role: "absorbed"; readonly note: string }
  | { readonly role: "direct" }
  | { readonly role: "carried" };

/** A description with an optional native role. */
export interface NativeDescription extends ComponentDescription {
  readonly native?: NativeRole;
}

/** The native role of a description, if any. */
export function nativeRole(d: ComponentDescription): NativeRole | undefined {
  return (d as NativeDescription).native;
}
