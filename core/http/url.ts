/** URL building shared by the client and the auth strategies. */

/** Query parameters as connectors write them; `undefined` means "leave the parameter out". */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * Joins `path` onto `baseUrl`, keeping the base's own path (`https://x.test/api/v2` + `orders`
 * gives `https://x.test/api/v2/orders`, which `new URL(path, base)` would not). An absolute
 * `path` (a Link-header next URL) is used as it is.
 */
export const resolveUrl = (baseUrl: string, path: string): string => {
  if (ABSOLUTE.test(path)) return path
  if (path === "") return baseUrl
  return `${baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`
}

/** `url` with `query` appended (after any query it already has), skipping undefined values. */
export const withQuery = (url: string, query: QueryParams | undefined): string => {
  if (query === undefined) return url
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value))
  }
  const encoded = params.toString()
  if (encoded === "") return url
  return `${url}${url.includes("?") ? "&" : "?"}${encoded}`
}
