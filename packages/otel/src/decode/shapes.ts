/**
 * The shape of a collector component's configuration as the collector's decoder (confmap over go-viper
 * mapstructure) sees it: field names are the YAML keys, scalar kinds carry the Go type named in decode errors.
 */

/** A field of a struct, a list item or a map value: a named shape (a key of COLLECTOR_SHAPES) or one inline. */
export interface CollectorField {
  readonly ref?: string;
  readonly shape?: CollectorShape;
  /** A `configoptional.Optional`: accepts null and an `enabled` key, and is decoded by its own Unmarshal. */
  readonly optional?: boolean;
}

export type CollectorShape =
  | {
      readonly kind: "struct";
      /** Go type (`configgrpc.ServerConfig`), named by "has invalid keys" where a decode starts. */
      readonly go: string;
      readonly fields: Readonly<Record<string, CollectorField>>;
      /** Squashed embedded structs (`mapstructure:",squash"`): their fields are this struct's. */
      readonly embeds?: readonly string[];
      /** Has an Unmarshal of its own that decodes the struct again: field paths restart inside it. */
      readonly unmarshaler?: boolean;
    }
  | { readonly kind: "string" | "int" | "uint" | "float" | "bool" | "duration"; readonly go: string; readonly text?: TextForm }
  | { readonly kind: "list"; readonly item: CollectorField }
  | { readonly kind: "map"; readonly value: CollectorField }
  /** configopaque.MapList: a list of `{name, value}` or a map of names to strings. */
  | { readonly kind: "maplist"; readonly go: string; readonly item: CollectorField }
  /** Not known: anything is accepted. */
  | { readonly kind: "any"; readonly go: string };

/** A type decoded from text by its own UnmarshalText: the texts it accepts and its error (`%q`: the text, quoted). */
export interface TextForm {
  readonly values: readonly string[];
  /** Compared in lower case (and quoted so in the error). */
  readonly lower?: boolean;
  readonly error: string;
}

export interface CollectorComponentSchema {
  /** `receivers`, `processors`, `exporters`, `connectors`, `extensions`. */
  readonly kind: string;
  /** The type's current name (aliases come from the module table). */
  readonly type: string;
  /** Key of the component's Config shape. */
  readonly config: string;
  /** The upstream schema file. */
  readonly file: string;
}
