import type { Actor } from '../features/auth/actor.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the session middleware when a valid session cookie came with the request. */
      actor?: Actor;
      /** sha256 of the session token and the CSRF token bound to that session. */
      session?: { idHash: string; csrfToken: string };
      /** Request id, shared with the logs and the audit rows. */
      requestId: string;
    }
  }
}
export {};
