/** Prints the plain closing line `N passed, N failed` that `npm test` and CI read. */
let passed = 0;
let failed = 0;
jasmine.getEnv().addReporter({
  specDone(result) {
    if (result.status === 'passed') passed++;
    else if (result.status === 'failed') failed++;
  },
  jasmineDone() {
    console.log(`\n${passed} passed, ${failed} failed`);
  },
});
