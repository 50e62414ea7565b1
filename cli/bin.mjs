#!/bin/sh
":" //; exec node --max-old-space-size=1024 "$0" "$@"
// The esl command. esl is written in TypeScript and loads the user's esl.config.ts, so it runs
// with tsx's loader registered (works on Node 20, 22 and 24 alike). It starts as a POSIX shell
// script whose second line execs node with the heap budget of `nodeOptions.ts` (a node option
// cannot be set once node runs, and `env -S` in a shebang is missing from busybox, so Alpine's);
// node then reads that line as a string and a comment.
import { register } from "tsx/esm/api"

register()
await import("./main.ts")
