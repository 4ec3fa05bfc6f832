import { dropTestTemplates } from '../../src/testing/test-database.js';

jasmine.DEFAULT_TIMEOUT_INTERVAL = 60_000;

/** Prints the plain closing line `N passed, N failed` that CI reads, and cleans test databases up. */
let passed = 0;
let failed = 0;
jasmine.getEnv().addReporter({
  specDone(result) {
    if (result.status === 'passed') passed++;
    else if (result.status === 'failed') failed++;
  },
  async jasmineDone() {
    await dropTestTemplates();
    console.log(`\n${passed} passed, ${failed} failed`);
  },
});
