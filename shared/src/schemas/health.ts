import * as z from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    status: z.enum(['up', 'down']),
    engine: z.enum(['embedded', 'server']),
    latencyMs: z.number().nullable(),
  }),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;
