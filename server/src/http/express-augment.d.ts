import type { Actor } from '../features/auth/actor.js';
import type { DataCounter } from '../db/data-versions.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the session middleware when a valid session cookie came with the request. */
      actor?: Actor;
      /** sha256 of the session token and the CSRF token bound to that session. */
      session?: { idHash: string; csrfToken: string };
      /** The data versions read for this request by the session middleware (after it arrived): the dashboards' cache keys. */
      dataVersions?: readonly DataCounter[];
      /** Request id, shared with the logs and the audit rows. */
      requestId: string;
    }
  }
}
export {};
