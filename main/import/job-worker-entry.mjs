// Entry of the import task worker: registers tsx so the TypeScript worker runs as written.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
