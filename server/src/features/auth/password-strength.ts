import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import { formatMessage } from '@cn2r/shared';
import { ValidationError } from '../../errors/http-errors.js';

/** The estimator's score (0 to 4) a new password must reach: 3, « safely unguessable » (about 10¹⁰ guesses). */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this application an attacker would try first, beside the person's own. */
const SITE_WORDS = ['cn2r', 'pilotage', 'psychotraumatisme', 'resilience', 'résilience', 'crp', 'demo'];

let estimator: ZxcvbnFactory | undefined;
/** zxcvbn-ts with the common, French and English dictionaries (common passwords, names, words) and French feedback; built on first use. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return estimator;
}

/**
 * Refuses (422 on `field`) a new password that a guesser finds quickly — repeated characters,
 * common passwords, keyboard rows, words of the dictionaries, the person's e-mail or name — with
 * the estimator's French reason. Only where a password is set; a sign-in never runs it.
 */
export function assertStrongPassword(field: string, password: string, person: { email: string; displayName?: string | null }): void {
  const local = person.email.split('@')[0];
  const inputs = [person.email, local, ...local.split(/[._-]+/), ...(person.displayName ? person.displayName.split(/\s+/) : []), ...SITE_WORDS].filter((w) => w.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return;
  throw ValidationError.field(field, formatMessage('users.weak_password', { warning: result.feedback.warning, suggestions: result.feedback.suggestions }));
}
