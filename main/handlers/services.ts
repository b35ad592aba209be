// Handlers for the services methods.
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';

export function registerServicesHandlers(_table: HandlerTable, _context: AppContext): void {}
