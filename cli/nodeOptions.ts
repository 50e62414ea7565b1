/**
 * The V8 heap the `esl` command runs in: an old generation of 1 GiB, set on node's command line
 * by `bin.mjs` (its shell line) and by the npm scripts (a running process cannot change it).
 *
 * esl streams: a sync holds one page per flow, about 50 MiB live whatever the catalogue's size,
 * so the budget is never near. What it changes is how V8 grows the heap between full
 * collections. Without it, V8 sizes the heap from the machine (4 GiB on a 24 GiB host) and, for
 * a heap allowed 2 GiB or more, lets it grow to four times what survived the last full collection
 * before collecting again; under 2 GiB it grows by 1.6 times at most. Measured by the engine
 * benchmark on a 24 GiB host: 1M variants peak at ~270 MiB RSS with the budget and ~400 MiB
 * without it, 10k variants at ~215–245 MiB either way.
 *
 * To give esl another heap, run its entry point with node yourself:
 * `node --max-old-space-size=4096 node_modules/eslayer/cli/bin.mjs sync`.
 */
export const ESL_OLD_SPACE_MIB = 1024

/** V8 gives heaps of this size and more its largest growth factor. */
export const LARGE_HEAP_MIB = 2048

/** The node options the `esl` command runs with. */
export const eslNodeOptions: ReadonlyArray<string> = [`--max-old-space-size=${ESL_OLD_SPACE_MIB}`]
