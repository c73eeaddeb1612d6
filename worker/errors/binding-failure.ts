/**
 * One log line for a binding call that failed (D1, a Durable Object). Their messages name tables, constraints
 * and methods, never bound values or arguments; still, the line is kept short and on one line.
 */
export function describeBindingFailure(error: unknown): string {
  if (!(error instanceof Error)) return "unknown failure";
  return `${error.name}: ${error.message}`.replace(/\s+/g, " ").slice(0, 200);
}
