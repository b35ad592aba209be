// Handlers for the search methods.
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';
import { searchStore } from '../store/search.ts';

export function registerSearchHandlers(table: HandlerTable, context: AppContext): void {
  table.register('search.query', ({ text, kinds, limit }) => searchStore(context.requireStore().db, text, limit, kinds));
}
