// A tiny Karma reporter that closes the run with one plain line: `N passed, N failed`.
// It sits beside the default progress reporter and prints nothing else.
// Skipped specs count in neither number; a browser that crashes or disconnects counts as a failure,
// so an incomplete run never reads "0 failed".

function SummaryReporter() {
  let passed = 0;
  let failed = 0;
  let browserFailures = 0;

  this.onRunStart = () => {
    passed = 0;
    failed = 0;
    browserFailures = 0;
  };

  this.onSpecComplete = (_browser, result) => {
    if (result.skipped || result.pending || result.disabled) return;
    if (result.success) passed += 1;
    else failed += 1;
  };

  this.onBrowserError = () => {
    browserFailures += 1;
  };

  this.onRunComplete = (_browsers, results) => {
    const crashed = results && (results.error || results.disconnected) ? 1 : 0;
    const failures = failed + Math.max(browserFailures, crashed && failed === 0 ? 1 : 0);
    process.stdout.write(`\n${passed} passed, ${failures} failed\n`);
  };
}

SummaryReporter.$inject = [];

module.exports = { 'reporter:summary': ['type', SummaryReporter] };
