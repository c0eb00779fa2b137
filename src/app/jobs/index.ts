export { DEFAULT_MAX_ATTEMPTS, type EnqueueInput, enqueueJob } from './enqueue-job.js'
export { JOB_HANDLERS } from './handlers.js'
export {
  isJobKind,
  JOB_KINDS,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  type JobKind,
  WORKER_LABEL,
  workerActor,
} from './job-kinds.js'
export { type JobView, listJobsAs, runJobNowAs } from './job-views.js'
export {
  backoffMs,
  DEFAULT_LEASE_MS,
  type JobsPass,
  type RunJobsOptions,
  runDueJobs,
} from './run-jobs.js'
export { type TickOutcome, tick } from './tick.js'
export {
  DEFAULT_WORKER_INTERVAL_MS,
  type RunningWorker,
  sendingConfigIfAny,
  startWorker,
  type WorkerConfig,
  type WorkerPassOptions,
  workerConfigFromEnv,
  workerPass,
} from './worker.js'
