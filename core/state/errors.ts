import { Data } from "effect"

/** The state store failed (disk full, database down, constraint violated). Not a record's fault. */
export class StateError extends Data.TaggedError("StateError")<{
  readonly operation: string
  readonly detail: string
}> {
  override get message() {
    return `State store failed during ${this.operation}: ${this.detail}. Check that the state database is reachable and writable.`
  }
}
