/**
 * Fault injection for the crash tests: `ESL_FAULT=kill-after-write:<flow>` kills this process
 * with SIGKILL right after the vendor accepted a batch and before the cross-reference and cursor
 * are committed, the worst moment for duplicates. It exists so tests can prove at-least-once +
 * link-before-create gives exactly-once effects with a real process death, not a simulated one.
 */
export const maybeCrash = (point: "kill-after-write" | "kill-after-read", flow: string): void => {
  const fault = process.env.ESL_FAULT
  if (fault === `${point}:${flow}`) process.kill(process.pid, "SIGKILL")
}
