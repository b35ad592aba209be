// Entry point of the import reader's worker thread. Like main/cli/scrutiny.mjs,
// it registers tsx so the TypeScript worker runs as written. An Electron build
// bundles worker.ts into its own file instead and passes that as workerEntry.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
