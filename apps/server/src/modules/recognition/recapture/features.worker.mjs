// Worker entry: plain JS so that it starts under node, tsx and vitest alike; it registers the tsx loader and then
// runs the TypeScript worker (the feature code is shared with the training tools).
import { register } from 'tsx/esm/api';

register();
await import('./features.worker.ts');
