/** File name patterns: `*` any run of characters, `?` one character, everything else literal. */
export const globToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${[...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`,
  )

/** Whether a file name matches a feed's pattern. */
export const matchesPattern = (pattern: string, name: string): boolean => globToRegExp(pattern).test(name)
