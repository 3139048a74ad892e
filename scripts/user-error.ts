/**
 * A mistake a person can fix (a bad option, missing credentials, a failed build, a tenant the engine
 * refused): the command prints its message as one line and exits 1. Anything else is a bug, printed with
 * its stack and the internal-error exit code. Each stage's own error classes extend this one.
 */
export class UserError extends Error {}
