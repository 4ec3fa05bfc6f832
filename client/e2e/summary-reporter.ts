import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints the plain closing line `N passed, N failed` that the test runner and CI read. */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;

  onTestEnd(test: TestCase, result: TestResult): void {
    // Count a test once, at its final attempt.
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.passed++;
    else if (result.status !== 'skipped') this.failed++;
  }

  onEnd(): void {
    console.log(`\n${this.passed} passed, ${this.failed} failed`);
  }
}
