// Worker entry: plain JS so that it starts under node, tsx and vitest alike; it registers the tsx loader and then
// runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./cpu.worker.ts');
