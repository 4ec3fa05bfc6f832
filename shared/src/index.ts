export * from './api-error.js';
export * from './roles.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/unit.js';
export * from './schemas/user.js';
export * from './schemas/audit.js';
export * from './schemas/health.js';
