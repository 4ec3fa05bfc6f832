export * from './periods.js';
export * from './expected-forms.js';
export * from './rule-expression.js';
export * from './value-checks.js';
export * from './aggregation.js';
export * from './figure-change.js';
export * from './year-comparison.js';
