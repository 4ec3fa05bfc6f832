import { ConflictError } from './http-errors.js';

/**
 * ConflictError.staleVersion with the past participle agreeing with the subject: « Cette règle a
 * été modifiée… » for a feminine one (the shared helper writes « modifié »).
 */
export function staleVersion(subject: string, gender: 'masculine' | 'feminine'): ConflictError {
  const error = ConflictError.staleVersion(subject);
  return gender === 'masculine' ? error : new ConflictError(error.message.replace(' a été modifié ', ' a été modifiée '), error.fields);
}
