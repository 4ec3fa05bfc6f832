export * from './small-cell-suppression.js';
export * from './staff-cost-groups.js';
