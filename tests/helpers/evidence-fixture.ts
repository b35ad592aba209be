// A realistic start to the evidence of the MOPAC and VRU commissioning inquiry,
// made through the API: a transcript and a written submission; a provider, a
// borough and a commissioner witness; an oral evidence session with the provider
// and the borough, and a written submission from the commissioner; a note of each
// witness's evidence. Passages are found by their words, as a person selects them.
import { join } from 'node:path';
import { createApi, type HandlerTable } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';

export const PROVIDER_NOTE = [
  'Jane Okafor, Chief Executive of Safer London, gave evidence on behalf of the provider.',
  'She said the caseworker model had cut repeat victimisation among the young people it supported.',
  'She said three-month contract extensions made it hard to keep experienced caseworkers, and funding decisions arrived late every quarter.',
  'She asked for grants of at least three years.',
].join('\n\n');

export const BOROUGH_NOTE = [
  'Tom Bright, Head of Community Safety at Croydon Council, gave evidence for the borough.',
  'He said the move of 30 per cent of the London Crime Prevention Fund to co-commissioning had reduced the money Croydon could direct to local need.',
  'Two local projects closed in 2023 as a result.',
].join('\n\n');

export const COMMISSIONER_NOTE = [
  'MOPAC written submission, summarised.',
  'MOPAC states that every commissioned service reports quarterly against the outcomes framework.',
  'It says that co-commissioning lets boroughs buy London-wide services at better value than each could alone.',
].join('\n\n');

/** Where `words` stand in `body`: the offsets a selection of them would give. */
export function passageOf(body: string, words: string): { start: number; end: number } {
  const start = body.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the note`);
  return { start, end: start + words.length };
}

/** Builds the world in a new store in `dir` (a tempDir of the test file). */
export async function evidenceWorld(dir: string, name: string) {
  const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app') });
  const api: HandlerTable = createApi(context);
  await api.call('store.create', { path: join(dir, `${name}.sqlite`) });
  const overview = await api.call('overview.get', {});
  const terms = overview.terms.map((t) => ({ kind: 'term' as const, id: t.id }));
  const keyQuestions = overview.questions.map((q) => ({ kind: 'keyQuestion' as const, id: q.id }));

  const transcript = await api.call('sources.create', {
    kind: 'transcript', title: 'Police and Crime Committee: transcript of oral evidence, 17 January 2024',
    publisher: 'London Assembly', publishedOn: '2024-01-24', url: 'https://www.london.gov.uk/who-we-are/what-london-assembly-does/london-assembly-committees/police-and-crime-committee',
    citation: 'London Assembly Police and Crime Committee, transcript, 17 January 2024',
  });
  const submission = await api.call('sources.create', {
    kind: 'written_submission', title: 'Written evidence from MOPAC (MVC003)', publisher: "Mayor's Office for Policing and Crime",
    author: 'Head of Commissioning', publishedOn: '2024-01-10', citation: 'MOPAC, written evidence MVC003, January 2024',
    organisationName: 'MOPAC',
  });

  const provider = await api.call('witnesses.create', { name: 'Jane Okafor', role: 'Chief Executive', organisationName: 'Safer London', perspective: 'provider' });
  const borough = await api.call('witnesses.create', { name: 'Tom Bright', role: 'Head of Community Safety', organisationName: 'Croydon Council' });
  const commissioner = await api.call('witnesses.create', { name: 'Priya Shah', role: 'Head of Commissioning', organisationName: "Mayor's Office for Policing and Crime" });

  const oral = await api.call('sessions.create', {
    kind: 'oral', title: 'Oral evidence: providers and boroughs', reference: 'PCC 17/01/2024', heldOn: '2024-01-17', location: 'City Hall, Kamal Chunchie Way',
    sourceId: transcript.id, witnessIds: [provider.id, borough.id],
  });
  const written = await api.call('sessions.create', {
    kind: 'written', title: 'Written submission from MOPAC', reference: 'MVC003', heldOn: '2024-01-10', sourceId: submission.id, witnessIds: [commissioner.id],
  });

  const providerNote = await api.call('notes.create', { title: 'Oral evidence: Jane Okafor, Safer London', body: PROVIDER_NOTE, sessionId: oral.id, witnessId: provider.id, writtenOn: '2024-01-17' });
  const boroughNote = await api.call('notes.create', { title: 'Oral evidence: Tom Bright, Croydon', body: BOROUGH_NOTE, sessionId: oral.id, witnessId: borough.id, writtenOn: '2024-01-17' });
  // The written session has one witness, so its note need not name them.
  const commissionerNote = await api.call('notes.create', { title: 'Written submission MVC003: MOPAC', body: COMMISSIONER_NOTE, sessionId: written.id, writtenOn: '2024-01-10' });

  return {
    dir, context, api, overview, terms, keyQuestions,
    sources: { transcript, submission },
    witnesses: { provider, borough, commissioner },
    sessions: { oral, written },
    notes: { provider: providerNote, borough: boroughNote, commissioner: commissionerNote },
    store: () => context.requireStore(),
  };
}

export type EvidenceWorld = Awaited<ReturnType<typeof evidenceWorld>>;
