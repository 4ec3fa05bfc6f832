import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody, isStaleVersion, toApiError } from './api-error';

const response = (status: number, error: unknown) => new HttpErrorResponse({ status, error, url: '/api/x' });

describe('toApiError', () => {
  it('reads the API’s error body', () => {
    const error = toApiError(
      response(409, {
        error: { code: 'conflict', message: 'Version périmée.', fields: [{ path: 'version', message: 'Version périmée.' }] },
      }),
    );
    expect(error).toEqual({
      status: 409,
      code: 'conflict',
      message: 'Version périmée.',
      fields: [{ path: 'version', message: 'Version périmée.' }],
      errorId: null,
    });
    expect(isStaleVersion(error)).toBeTrue();
  });

  it('falls back on the status when the body is not the API’s', () => {
    expect(toApiError(response(403, { error: { code: 'nope', message: 'x' } })).message).toBe(
      'Vous n’avez pas les droits nécessaires pour cette action.',
    );
    expect(toApiError(response(422, { error: { code: 'validation_failed', message: 'x', fields: [{ path: 1 }] } })).fields).toEqual([]);
    expect(toApiError(response(504, null)).code).toBe('internal');
  });

  it('tells a duplicate (409 on a field) from a stale version', () => {
    const duplicate = toApiError(
      response(409, { error: { code: 'conflict', message: 'Code déjà utilisé.', fields: [{ path: 'code', message: 'Code déjà utilisé.' }] } }),
    );
    expect(isStaleVersion(duplicate)).toBeFalse();
  });
});

describe('isApiErrorBody', () => {
  it('accepts the documented shape only', () => {
    expect(isApiErrorBody({ error: { code: 'internal', message: 'Erreur.', errorId: 'e-1' } })).toBeTrue();
    expect(isApiErrorBody({ error: { code: 'internal', message: 'Erreur.', errorId: 12 } })).toBeFalse();
    expect(isApiErrorBody({ message: 'Erreur.' })).toBeFalse();
    expect(isApiErrorBody('<html>')).toBeFalse();
  });
});
