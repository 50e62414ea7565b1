#!/usr/bin/env -S node --max-old-space-size=1024
// The esl command. esl is written in TypeScript and loads the user's esl.config.ts, so it runs
// with tsx's loader registered (works on Node 20, 22 and 24 alike). The shebang gives it the heap
// budget of `nodeOptions.ts`.
import { register } from "tsx/esm/api"

register()
await import("./main.ts")
