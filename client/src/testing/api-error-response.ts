import type { TestRequest } from '@angular/common/http/testing';
import type { FieldMessage } from '../app/shared/forms/apply-field-errors';

const answers = {
  409: { code: 'conflict', statusText: 'Conflict' },
  422: { code: 'validation_failed', statusText: 'Unprocessable Entity' },
} as const;

/** Answers `request` with the API's error body for a 409 (conflict) or a 422 (validation failed). */
export function flushApiError(request: TestRequest, status: 409 | 422, message: string, fields?: readonly FieldMessage[]): void {
  const { code, statusText } = answers[status];
  request.flush({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, statusText });
}
