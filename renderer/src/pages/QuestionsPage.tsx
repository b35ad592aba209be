// Questions: the checklist of terms of reference and key questions (status,
// evidence by stance, coverage, gaps), each opened with its evidence, draft
// finding and suggested questions; and the matrix of questions against
// witnesses, perspectives or kinds of source.
import { useCallback, useEffect } from 'react';
import { PageTitle } from '../components/PageTitle.tsx';
import { useEvidenceStore } from '../state/evidence.ts';
import { QUESTION_FOCUS, useQuestionsStore, type QuestionsView } from '../state/questions.ts';
import { Announcer, HistoryButtons, TabPanel, Tabs, useFocusRequest, useReloadAfterHistory } from './evidence/parts.tsx';
import { Checklist } from './questions/Checklist.tsx';
import { ItemView } from './questions/ItemView.tsx';
import { MatrixView } from './questions/Matrix.tsx';
import '../styles/evidence.css';

const VIEWS: readonly { id: QuestionsView; label: string }[] = [
  { id: 'checklist', label: 'Checklist' },
  { id: 'matrix', label: 'Matrix' },
];

export function QuestionsPage() {
  const view = useQuestionsStore((s) => s.view);
  const setView = useQuestionsStore((s) => s.setView);
  const reload = useQuestionsStore((s) => s.reload);
  const open = useQuestionsStore((s) => s.open);
  const announcement = useQuestionsStore((s) => s.announcement);
  const focus = useQuestionsStore((s) => s.focus);
  const loadEvidence = useEvidenceStore((s) => s.loadLists);
  useFocusRequest(focus);
  useReloadAfterHistory(useCallback(() => reload(), [reload]));

  useEffect(() => {
    void reload();
    void loadEvidence(); // the witnesses a suggested question can be for
  }, [reload, loadEvidence]);

  return (
    <div className="page questions-page">
      <header className="ev-page-head">
        <div>
          <PageTitle title="Questions" />
          <p className="ev-lede">
            What the committee will examine and wants answered: how far each has got, the evidence for and against, whose voices are still missing,
            the draft finding and the questions to put to guests.
          </p>
        </div>
        <HistoryButtons />
      </header>
      <Announcer announcement={announcement} label="Questions updates" />
      <Tabs label="Views of the questions" idPrefix="questions" tabs={VIEWS} current={view} onChange={setView} />
      <TabPanel idPrefix="questions" id={view}>
        {view === 'checklist' ? (
          open !== null ? (
            <ItemView />
          ) : (
            <section aria-labelledby={QUESTION_FOCUS.view('checklist')}>
              <h2 id={QUESTION_FOCUS.view('checklist')} tabIndex={-1} className="view-title">
                Checklist
              </h2>
              <Checklist />
            </section>
          )
        ) : (
          <section aria-labelledby={QUESTION_FOCUS.view('matrix')}>
            <h2 id={QUESTION_FOCUS.view('matrix')} tabIndex={-1} className="view-title">
              Matrix
            </h2>
            <MatrixView />
          </section>
        )}
      </TabPanel>
    </div>
  );
}
