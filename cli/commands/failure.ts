import { Data } from "effect"

/** A CLI-level failure with a message meant for the operator (exit code 1). */
export class CliFailure extends Data.TaggedError("CliFailure")<{ readonly message: string }> {}
