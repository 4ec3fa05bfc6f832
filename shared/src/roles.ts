import { z } from 'zod';

export const Role = z.enum(['admin', 'unit_lead', 'finance', 'board']);
export type Role = z.infer<typeof Role>;

export const roleLabels: Record<Role, string> = {
  admin: 'Coordination CN2R (administrateur)',
  unit_lead: 'Responsable de centre',
  finance: 'Finances',
  board: 'Bureau / gouvernance',
};
