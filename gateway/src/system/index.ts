export { readSystemEnv, type SystemEnv } from './env.js';
export { startSystem, type SystemOptions, type RunningSystem } from './start-system.js';
export { schedulePublication } from './publication-schedule.js';
