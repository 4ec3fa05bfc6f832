import type { Knex } from 'knex';
import { Health } from '@cn2r/shared';
import type { DatabaseEngine } from '@cn2r/db';
import type { ApiRouter } from '../../http/api-router.js';

export function registerHealthRoutes(api: ApiRouter, db: Knex, engine: DatabaseEngine, version: string): void {
  api.add(
    {
      method: 'get',
      path: '/health',
      tag: 'Exploitation',
      summary: 'État du service et de la base de données',
      access: 'health.read',
      response: { status: 200, description: 'État (503 si la base ne répond pas)', schema: Health, raw: true },
    },
    async ({ res }) => {
      const started = performance.now();
      let up = true;
      try {
        await db.raw('SELECT 1');
      } catch {
        up = false;
      }
      const health: Health = {
        status: up ? 'ok' : 'degraded',
        database: { status: up ? 'up' : 'down', engine, latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null },
        version,
      };
      res.status(up ? 200 : 503).json(health);
    },
  );
}
