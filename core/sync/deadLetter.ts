import type { Redactor } from "../http/index.ts"
import type { NewDeadLetter } from "../state/index.ts"
import type { Flow } from "./flow.ts"

/** Anything a record can fail with: tagged errors with a message, and optionally a JSON path. */
export interface RecordFailure {
  readonly _tag: string
  readonly message: string
  readonly path?: string | undefined
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>
}

/** Builds the DLQ entry for a failed record, with every known secret redacted from it. */
export const deadLetterFor = (
  flow: Flow,
  redactor: Redactor,
  record: { readonly recordKey: string; readonly sourceId: string; readonly payload: unknown },
  failure: RecordFailure,
): NewDeadLetter => ({
  flow: flow.name,
  system: flow.system.name,
  entity: flow.entity,
  direction: flow.kind,
  recordKey: record.recordKey,
  sourceId: record.sourceId,
  errorTag: failure._tag,
  reason: redactor.string(failure.message),
  path: failure.path ?? failure.issues?.[0]?.path,
  payload: redactor.value(record.payload),
})
