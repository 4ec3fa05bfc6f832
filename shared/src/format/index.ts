export * from './french-numbers.js';
export * from './french-dates.js';
