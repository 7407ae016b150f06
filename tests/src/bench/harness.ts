import { cpus, loadavg, totalmem } from 'node:os';
import type { RunningSystem } from '@passerelles/gateway/system';
import type { Page } from 'playwright-core';

/** What a scenario gets: the running system and its database. */
export interface BenchContext {
  gatewayUrl: string;
  databaseUrl: string;
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  graphql(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  /** The same as the demo's steering account (pilotage.62): counts without exact rights. */
  graphqlAsSteering(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  /** The dashboard in Chromium as the steering account, started on first use (browser scenarios only). */
  dashboard(): Promise<BenchDashboard>;
  /** The same as the administrator (admin.62): exact figures, computed live. */
  dashboardAsAdmin(): Promise<BenchDashboard>;
  /** The running system (its subgraphs' URLs and the gateway's signing key). */
  system: RunningSystem;
  /** Registers what a scenario started, to stop when the bench ends. */
  onClose(close: () => Promise<void>): void;
}

/** A headless Chromium tab at 1366×768, signed in to the dashboard as one demo account. */
export interface BenchDashboard {
  url: string;
  page: Page;
}

/**
 * One measured thing. `run` is timed by the wall clock, unless it resolves to `{ measuredMs }`
 * (a duration it measured itself, e.g. in the browser); `baseline`, when given, is timed alike and
 * reported as a ratio.
 */
export interface Scenario {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<unknown>;
  baseline?: { name: string; run(ctx: BenchContext): Promise<unknown> };
  /** Checks that `run` and the baseline compute the same thing, before any timing. */
  verify?(ctx: BenchContext): Promise<void>;
}

export interface Stats {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  stats: Stats;
  baseline?: { name: string; stats: Stats; ratio: number };
}

export interface Report {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  /** The machine's load average (1, 5, 15 minutes) when the last scenario ended, as `uptime` gives it. */
  loadAverage: number[];
  warmup: number;
  iterations: number;
  results: ScenarioResult[];
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(index, 0)]!;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    iterations: samples.length,
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

/** What a scenario's `run` resolves to when it measured its own duration. */
export interface SelfMeasured {
  measuredMs: number;
}

const isSelfMeasured = (value: unknown): value is SelfMeasured =>
  typeof value === 'object' && value !== null && typeof (value as SelfMeasured).measuredMs === 'number';

async function measure(fn: () => Promise<unknown>, warmup: number, iterations: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const result = await fn();
    samples.push(isSelfMeasured(result) ? result.measuredMs : performance.now() - start);
  }
  return stats(samples);
}

/** Runs each scenario (then its baseline) sequentially: warm-up, then timed iterations. */
export async function runScenarios(ctx: BenchContext, scenarios: Scenario[], warmup: number, iterations: number): Promise<Report> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    await scenario.verify?.(ctx);
    const own = await measure(() => scenario.run(ctx), warmup, iterations);
    const result: ScenarioResult = { name: scenario.name, description: scenario.description, stats: own };
    if (scenario.baseline) {
      const base = await measure(() => scenario.baseline!.run(ctx), warmup, iterations);
      result.baseline = { name: scenario.baseline.name, stats: base, ratio: Math.round((own.medianMs / base.medianMs) * 10) / 10 };
    }
    results.push(result);
  }
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    warmup,
    iterations,
    results,
  };
}

/** The report as a Markdown section for docs/benchmarks.md. */
export function toMarkdown(report: Report): string {
  const lines = [
    `### ${report.date.slice(0, 10)} — ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`,
    '',
    `${report.warmup} warm-up runs, then ${report.iterations} timed runs per scenario; load average at the end ${report.loadAverage.join(', ')}.`,
    '',
    '| scenario | median (ms) | p95 (ms) | mean (ms) | baseline | baseline median (ms) | ratio |',
    '|---|---:|---:|---:|---|---:|---:|',
  ];
  for (const r of report.results) {
    lines.push(
      `| ${r.name} | ${r.stats.medianMs} | ${r.stats.p95Ms} | ${r.stats.meanMs} | ${r.baseline?.name ?? '—'} | ${r.baseline?.stats.medianMs ?? '—'} | ${r.baseline ? `${r.baseline.ratio}×` : '—'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
