/** `["auth", "token"]` → `.auth.token`, `["items", 0]` → `.items[0]` (relative to a config prefix). */
export const toJsonPathFromKeys = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")
