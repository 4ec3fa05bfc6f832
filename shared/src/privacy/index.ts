export * from './small-cell-suppression.js';
