import { ENGLISH } from '../spec/schema-table.js';
import { ApiErrorBody, ErrorCode, defaultErrorMessages } from './api-error.js';

describe('API errors', () => {
  it('has a French default message for every error code', () => {
    expect(Object.keys(defaultErrorMessages).sort()).toEqual([...ErrorCode.options].sort());
    for (const code of ErrorCode.options) {
      expect(defaultErrorMessages[code]).withContext(code).toMatch(/\.$/);
      expect(defaultErrorMessages[code]).withContext(code).not.toMatch(ENGLISH);
    }
  });

  it('accepts the error shapes the server sends, and refuses an unknown code', () => {
    expect(ApiErrorBody.safeParse({ error: { code: 'not_found', message: 'Centre introuvable.' } }).success).toBeTrue();
    expect(ApiErrorBody.safeParse({ error: { code: 'validation_failed', message: 'x', fields: [{ path: 'email', message: 'Adresse e-mail invalide.' }] } }).success).toBeTrue();
    expect(ApiErrorBody.safeParse({ error: { code: 'internal', message: 'x', errorId: 'abc' } }).success).toBeTrue();
    expect(ApiErrorBody.safeParse({ error: { code: 'teapot', message: 'x' } }).success).toBeFalse();
    expect(ApiErrorBody.safeParse({ error: { code: 'not_found' } }).success).toBeFalse();
  });
});
