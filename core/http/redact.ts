/**
 * Redaction: the one place that decides what a secret looks like, so that no error, log line
 * or dead-letter entry ever carries a credential.
 */

/** What replaces a secret. */
export const REDACTED = "[REDACTED]"

/**
 * Names (of headers, object keys, query parameters) whose value is a credential whatever it is.
 * Matching by name catches secrets we were never told about, e.g. a token the vendor echoes back.
 */
export const SENSITIVE_NAME = /authorization|cookie|token|secret|password|api[-_]?key|signature|hmac/i

/** Shorter "secrets" would redact ordinary words and digits everywhere; they are not worth it. */
const MIN_SECRET_LENGTH = 4

// `name=value` inside a URL or form body, where name looks like a credential.
const SENSITIVE_QUERY_PARAM =
  /([?&;]|^)([^=&#?\s"'<>]*(?:authorization|cookie|token|secret|password|api[-_]?key|signature|hmac)[^=&#?\s"'<>]*=)([^&#\s"'<>]*)/gi

/** Scrubs secrets from strings, values and headers. One per HTTP client, shared with its auth. */
export interface Redactor {
  /** The string with every known secret and every credential-named query parameter replaced. */
  readonly string: (s: string) => string
  /** A deep copy with strings scrubbed and credential-named keys replaced; safe to log or store. */
  readonly value: (v: unknown) => unknown
  /** Headers as strings, credential-named ones replaced whole (their value may be encoded). */
  readonly headers: (h: Record<string, unknown>) => Record<string, string>
  /** Registers a secret learnt at run time (an OAuth access token) so later output hides it too. */
  readonly add: (secret: string) => void
}

/** Every spelling of a secret that can end up in output: as is, URL-encoded, form-encoded. */
const variantsOf = (secret: string): ReadonlyArray<string> => {
  const encoded = encodeURIComponent(secret)
  return [secret, encoded, encoded.replace(/%20/g, "+")]
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Makes a redactor that knows the given secrets (API keys, passwords, client secrets).
 *
 * @example
 * const redactor = makeRedactor([apiKey])
 * redactor.string(`https://x.test/a?key=${apiKey}`) // "https://x.test/a?key=[REDACTED]"
 */
export const makeRedactor = (secrets: ReadonlyArray<string>): Redactor => {
  const known = new Set<string>()
  // Longest first, so a secret that contains another one is replaced whole.
  let ordered: ReadonlyArray<string> = []

  const add = (secret: string): void => {
    if (secret.length < MIN_SECRET_LENGTH) return
    let changed = false
    for (const variant of variantsOf(secret)) {
      if (!known.has(variant)) {
        known.add(variant)
        changed = true
      }
    }
    if (changed) ordered = [...known].sort((a, b) => b.length - a.length)
  }
  for (const secret of secrets) add(secret)

  const string = (s: string): string => {
    let out = s
    for (const secret of ordered) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED)
    }
    return out.replace(SENSITIVE_QUERY_PARAM, (_match, lead: string, name: string) => `${lead}${name}${REDACTED}`)
  }

  const walk = (v: unknown, seen: WeakSet<object>): unknown => {
    if (typeof v === "string") return string(v)
    if (Array.isArray(v)) {
      if (seen.has(v)) return "[Circular]"
      seen.add(v)
      return v.map((item) => walk(item, seen))
    }
    if (v instanceof Error) {
      return { name: v.name, message: string(v.message) }
    }
    if (isPlainObject(v)) {
      if (seen.has(v)) return "[Circular]"
      seen.add(v)
      const out: Record<string, unknown> = {}
      for (const [key, item] of Object.entries(v)) {
        out[key] = SENSITIVE_NAME.test(key) && item !== null && item !== undefined ? REDACTED : walk(item, seen)
      }
      return out
    }
    return v
  }

  const headers = (h: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {}
    for (const [name, raw] of Object.entries(h)) {
      if (raw === undefined || raw === null) continue
      const text = Array.isArray(raw) ? raw.map(String).join(", ") : String(raw)
      out[name] = SENSITIVE_NAME.test(name) ? REDACTED : string(text)
    }
    return out
  }

  return { string, value: (v) => walk(v, new WeakSet()), headers, add }
}
