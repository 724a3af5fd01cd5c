// What main.ts, the CLI and tests use: the runner and the four sweeps, each
// callable directly with an injected clock.
export { startJobRunner, JOBS, SCHEDULES, TIME_ZONE, type JobRunner, type JobName } from './runner.ts';
export { runDeadlineSweep } from './deadline-sweep.ts';
export { deliverWebhooks } from '../modules/webhooks/delivery.ts';
export { runReinspectionSweep } from '../modules/reinspections/reinspections.sweep.ts';
export { runAccountabilitySweep } from '../modules/accountability/accountability.sweep.ts';
export { runMissesSweep } from '../modules/inspections/misses.sweep.ts';
export { runEvaluationReminders } from '../modules/evaluation/index.ts';
