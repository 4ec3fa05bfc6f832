import { defaultErrorMessages, formatMessage, type ErrorCode, type FieldError, type MessageArgs, type MessageKey } from '@cn2r/shared';

/** A failure the client can act on: it carries its HTTP status, a stable code and a French message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = defaultErrorMessages[code],
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message?: string, fields?: FieldError[]) {
    super(422, 'validation_failed', message, fields);
  }
  static field(path: string, message: string): ValidationError {
    return new ValidationError(message, [{ path, message }]);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message?: string) {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message?: string) {
    super(403, 'forbidden', message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf_failed');
  }
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message?: string, fields?: FieldError[]) {
    super(409, 'conflict', message, fields);
  }
  /**
   * The row changed since the client read it (optimistic concurrency): the area's `<thing>_stale`
   * sentence from the catalogue, and the `version` field.
   */
  static staleVersion<K extends MessageKey>(key: K, ...args: MessageArgs<K>): ConflictError {
    return new ConflictError(formatMessage(key, ...args), [{ path: 'version', message: formatMessage('conflict.stale_version_field') }]);
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const message =
      retryAfterSeconds < 60
        ? formatMessage('auth.too_many_attempts_for_seconds', { seconds: Math.max(1, retryAfterSeconds) })
        : formatMessage('auth.too_many_attempts_for', { minutes });
    super(429, 'too_many_attempts', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
