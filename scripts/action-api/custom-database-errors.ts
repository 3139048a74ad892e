/**
 * The error classes Auth0's custom-database sandbox provides as globals, with the constructor signatures
 * Auth0 documents: the test kit hands them to a script under test, and the local tenant's worker defines
 * them as the deployed script's globals (their names: `SANDBOX_ERROR_NAMES`). Tests assert with `toBeInstanceOf(WrongUsernameOrPasswordError)` and on the
 * fields Auth0 reads (`name`, `message`, the user id or code).
 */
import type {
  CustomDatabaseErrors,
  UnauthorizedError as UnauthorizedErrorShape,
  ValidationError as ValidationErrorShape,
  WrongUsernameOrPasswordError as WrongUsernameOrPasswordErrorShape,
} from '../../actions/types/custom-database';
import type { SANDBOX_ERROR_NAMES } from '../bundle/custom-db-wrapper';

export class WrongUsernameOrPasswordError extends Error implements WrongUsernameOrPasswordErrorShape {
  override readonly name = 'WrongUsernameOrPasswordError' as const;
  /** Auth0 logs `fp` (wrong password) with this user id when truthy, else `fu` (unknown user). */
  readonly emailOrUserId: string | undefined;

  constructor(emailOrUserId?: string, message?: string) {
    super(message ?? 'Wrong email or password.');
    this.emailOrUserId = emailOrUserId;
  }
}

export class ValidationError extends Error implements ValidationErrorShape {
  override readonly name = 'ValidationError' as const;
  /** e.g. `user_exists`. */
  readonly code: string;

  constructor(code: string, message?: string) {
    super(message ?? code);
    this.code = code;
  }
}

export class UnauthorizedError extends Error implements UnauthorizedErrorShape {
  override readonly name = 'UnauthorizedError' as const;

  constructor(message?: string) {
    super(message ?? 'Unauthorized.');
  }
}

/** Every sandbox error class, by the name the script's globals give it. */
export const customDatabaseErrors: CustomDatabaseErrors &
  Record<(typeof SANDBOX_ERROR_NAMES)[number], new (...args: never[]) => Error> = {
  WrongUsernameOrPasswordError,
  ValidationError,
  UnauthorizedError,
};
