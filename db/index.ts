export * from './database.js';
export { migrationSource } from './migrations/index.js';
export { seedDemo } from './seeds/demo.js';
export { parisToday } from './seeds/collection-demo.js';
