/** Base class of Relance's own errors: a stable machine-readable code plus an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 500,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`, 404);
  }
}

export class BusinessRuleError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 422, details);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 409, details);
  }
}

/**
 * Something the answer depends on could not be read (the database, another
 * capability). 503 with this code instead of an answer computed without it:
 * a check that cannot see disputes must not say `allow`.
 */
export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, cause?: unknown) {
    super('DEPENDENCY_UNAVAILABLE', `${dependency} cannot be read right now; try again later`, 503, { dependency });
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
