import * as z from 'zod';
import './zod-config.js';
import { ROLE_VALUES } from './labels.js';

export const Role = z.enum(ROLE_VALUES);
export type Role = z.infer<typeof Role>;

export { roleLabels } from './labels.js';
