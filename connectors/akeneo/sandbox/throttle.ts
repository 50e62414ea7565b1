/**
 * Akeneo's fair-use protection (https://api.akeneo.com/documentation/limitations.html): about
 * 100 requests per second per PIM instance; over it, 429, with `Retry-After` in seconds.
 */
export interface Throttle {
  /** Seconds to wait when the request is over budget, else undefined (and the request is booked). */
  readonly admit: (now: number) => number | undefined
}

/** A sliding one-second window of `requestsPerSecond` requests. */
export const throttle = (requestsPerSecond: number): Throttle => {
  let sent: Array<number> = []
  return {
    admit: (now) => {
      sent = sent.filter((t) => t > now - 1000)
      if (sent.length >= requestsPerSecond) return 1
      sent.push(now)
      return undefined
    },
  }
}
