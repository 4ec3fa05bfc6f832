export * from './money.js';
export * from './shares.js';
export * from './fte.js';
export * from './execution.js';
export * from './allocations.js';
export * from './cost-per-activity.js';
export * from './budget-statements.js';
