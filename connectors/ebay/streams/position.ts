/** Orders records by their (at, id) stream position, the order incremental streams yield in. */
import type { StreamCursor } from "../../../core/connector/index.ts"

export const comparePositionsOf =
  <A>(positionOf: (record: A) => StreamCursor) =>
  (a: A, b: A): number => {
    const pa = positionOf(a)
    const pb = positionOf(b)
    return pa.at < pb.at ? -1 : pa.at > pb.at ? 1 : pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0
  }
