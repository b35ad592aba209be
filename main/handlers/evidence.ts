// Handlers for the evidence methods.
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';

export function registerEvidenceHandlers(_table: HandlerTable, _context: AppContext): void {}
