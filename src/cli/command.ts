/** The shape of a `depesza` sub-command. */
export interface Command {
  readonly name: string
  /** The full `depesza NAME --help` text. */
  readonly help: string
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>
}

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
