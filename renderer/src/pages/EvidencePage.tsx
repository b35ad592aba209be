// Evidence: notes of evidence sessions and visits, read and coded passage by
// passage against the terms of reference and key questions; the sources,
// witnesses and evidence sessions they come from.
import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PageTitle } from '../components/PageTitle.tsx';
import { EVIDENCE_TABS, FOCUS, useEvidenceStore, type EvidenceTab } from '../state/evidence.ts';
import { NotesPanel } from './evidence/NotesPanel.tsx';
import { Announcer, DeletedNotice, HistoryButtons, TabPanel, Tabs, useFocusRequest, useReloadAfterHistory } from './evidence/parts.tsx';
import { SessionsPanel } from './evidence/SessionsPanel.tsx';
import { SourcesPanel } from './evidence/SourcesPanel.tsx';
import { WitnessesPanel } from './evidence/WitnessesPanel.tsx';
import '../styles/evidence.css';

export function EvidencePage() {
  const tab = useEvidenceStore((s) => s.tab);
  const setTab = useEvidenceStore((s) => s.setTab);
  const reload = useEvidenceStore((s) => s.reload);
  const announcement = useEvidenceStore((s) => s.announcement);
  const focus = useEvidenceStore((s) => s.focus);
  const deleted = useEvidenceStore((s) => s.deleted);
  const dismissDeleted = useEvidenceStore((s) => s.dismissDeleted);
  const counts = useEvidenceStore(useShallow((s) => ({ notes: s.notes?.length, sources: s.sources?.length, witnesses: s.witnesses?.length, sessions: s.sessions?.length })));
  useFocusRequest(focus);
  useReloadAfterHistory(useCallback(() => {
    dismissDeleted();
    return reload();
  }, [reload, dismissDeleted]));

  // Whatever changed elsewhere (an undo on another page, a link made from the Questions page) shows on return.
  useEffect(() => {
    void reload();
  }, [reload]);

  const onTab = (id: EvidenceTab) => {
    setTab(id);
    dismissDeleted();
  };

  return (
    <div className="page evidence-page">
      <header className="ev-page-head">
        <div>
          <PageTitle title="Evidence" />
          <p className="ev-lede">
            Notes of evidence, and the sources, witnesses and sessions they come from. Select a passage of a note to link it to a term of reference
            or key question.
          </p>
        </div>
        <HistoryButtons />
      </header>
      <Announcer announcement={announcement} label="Evidence updates" />
      <Tabs
        label="Kinds of evidence"
        idPrefix="evidence"
        tabs={EVIDENCE_TABS.map((t) => ({ ...t, count: counts[t.id] }))}
        current={tab}
        onChange={onTab}
      />
      <DeletedNotice deleted={deleted} id={FOCUS.deleted} onDismiss={dismissDeleted} />
      <TabPanel idPrefix="evidence" id={tab}>
        {tab === 'notes' ? <NotesPanel /> : tab === 'sources' ? <SourcesPanel /> : tab === 'witnesses' ? <WitnessesPanel /> : <SessionsPanel />}
      </TabPanel>
    </div>
  );
}
