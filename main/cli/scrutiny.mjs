#!/usr/bin/env node
// `scrutiny`, the headless face of Scrutiny Desk. TypeScript sources run through
// tsx, so the CLI always matches the code beside it (no stale build to forget).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./index.ts');
process.exitCode = await main(process.argv.slice(2));
