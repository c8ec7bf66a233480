import { parentPort } from 'node:worker_threads';
import { CPU_TASKS, type CpuTaskName } from './cpu-tasks.ts';

/** One thread of the CPU pool: runs the named task on the message's input and answers with its output or error. */
parentPort?.on('message', (msg: { id: number; task: CpuTaskName; input: never }) => {
  try {
    const output = (CPU_TASKS[msg.task] as (input: unknown) => unknown)(msg.input);
    parentPort?.postMessage({ id: msg.id, output });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
