/** The component schemas embedded by build.mjs: file path (`/schemas/...`) → text. */
declare module "alloy-playground:schemas" {
  export const files: Record<string, string>;
}
