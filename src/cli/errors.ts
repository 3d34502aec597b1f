/** Errors the CLI turns into a one-line message and an exit code. */

/** The user asked for something malformed: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;
