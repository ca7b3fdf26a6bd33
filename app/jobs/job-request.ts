// A job to enqueue, as data: lets a caller describe several jobs of different names in one typed list.
import type { JobName, JobPayload } from "./definitions";

export type JobRequest = {
  [N in JobName]: { name: N; payload: JobPayload<N> };
}[JobName];
