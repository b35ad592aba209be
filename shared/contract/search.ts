// One search across services, notes, sources and figures (Ctrl+K).
import { z } from 'zod';
import { method } from './method.ts';

const segment = z.object({ text: z.string(), match: z.boolean() });

export const searchKind = z.enum(['service', 'note', 'source', 'figure']);

export const searchHit = z.object({
  kind: searchKind,
  id: z.string(),
  title: z.array(segment),
  snippet: z.array(segment),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchMethods = {
  'search.query': method(
    z.object({ text: z.string().max(200), kinds: z.array(searchKind).optional(), limit: z.number().int().min(1).max(200).default(30) }).strict(),
    z.object({ hits: z.array(searchHit), total: z.number().int() }),
    'Search services, notes, sources and figures; matches are marked',
  ),
} as const;
