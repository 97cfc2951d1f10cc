import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/**
 * Prints, at the end of the run, the slowest tests with the share of their timeout they used, and
 * names any over a third of it: the margin a machine twice as slow needs (see README, « Tests »).
 */
export default class HeadroomReporter implements Reporter {
  private readonly runs: { title: string; duration: number; timeout: number; retry: number }[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    this.runs.push({
      title: `${test.location.file.split("/").pop()}:${test.location.line} ${test.title}`,
      duration: result.duration,
      timeout: test.timeout,
      retry: result.retry,
    });
  }

  onEnd(result: FullResult) {
    const slowest = [...this.runs].sort((a, b) => b.duration / b.timeout - a.duration / a.timeout).slice(0, 5);
    console.log(`\nMarge des tests (${result.status}) : les plus longs au regard de leur délai`);
    for (const run of slowest) {
      const share = Math.round((100 * run.duration) / run.timeout);
      console.log(
        `  ${share >= 34 ? "⚠" : " "} ${(run.duration / 1000).toFixed(1)} s / ${run.timeout / 1000} s (${share} %)${run.retry ? ` [nouvel essai ${run.retry}]` : ""} ${run.title}`,
      );
    }
    const over = this.runs.filter((run) => run.duration > run.timeout / 3).length;
    const retried = this.runs.filter((run) => run.retry > 0).length;
    console.log(`  ${over} test(s) au-delà du tiers de leur délai, ${retried} nouvel(s) essai(s).`);
  }
}
