/** A workflow whose only task is its first: the priority test reads when that task started. */
export async function priorityProbeWorkflow(): Promise<void> {
  // Nothing to do: the first workflow task completes it.
}
