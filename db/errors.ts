/**
 * Errors caused by what the user asked (a bad id, a value out of range, a database from a newer
 * version). The CLI turns them into one line and exit 2; anything else is an internal error.
 */
export class InputError extends Error {
  override name = 'InputError';
}
