// Types for scripts/test-counts.mjs (plain JS: npm test runs it before anything is built).

export interface StageCounts { stage: string; passed: number; failed: number }
export interface StageResult { name: string; ok: boolean; seconds: number }

export function recordTestCounts(stage: string, passed: number, failed: number): void;
export function jestCounts(file: string): { passed: number; failed: number } | null;
export function readTestCounts(file: string): StageCounts[];
export function suiteSummary(stages: StageResult[], counts: StageCounts[]): string[];
