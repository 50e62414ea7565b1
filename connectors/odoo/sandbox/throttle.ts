/**
 * A request budget per second, like the burst protection in front of Odoo Online: past it the
 * server answers 429 with `Retry-After`. Self-hosted Odoo has none; the sandbox turns it on so
 * the client's backoff is exercised.
 */
export interface Throttle {
  /** Seconds to wait when the request is over budget, else undefined (and the request is booked). */
  readonly admit: () => number | undefined
}

/** A sliding one-second window of `requestsPerSecond` requests. */
export const throttle = (requestsPerSecond: number, now: () => number = Date.now): Throttle => {
  let sent: Array<number> = []
  return {
    admit: () => {
      const at = now()
      sent = sent.filter((t) => t > at - 1000)
      if (sent.length >= requestsPerSecond) return 1
      sent.push(at)
      return undefined
    },
  }
}
