// npm run bench: speed and memory figures, each beside a reference measured in the
// same run on the same machine, printed as figures and as ratios. Never a test.
import { runImportBench } from './import-bench.ts';
import { runInteractionBench } from './interaction-bench.ts';
import { runQueryBench } from './query-bench.ts';
import { runServicesBench } from './services-bench.ts';

const sections = process.argv.slice(2);
const wanted = (name: string) => sections.length === 0 || sections.includes(name);

if (wanted('import')) await runImportBench();
if (wanted('queries')) await runQueryBench();
if (wanted('services')) await runServicesBench();
if (wanted('interactions')) await runInteractionBench();
