// Handlers for the search methods.
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';

export function registerSearchHandlers(_table: HandlerTable, _context: AppContext): void {}
