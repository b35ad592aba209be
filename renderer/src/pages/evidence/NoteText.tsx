// A note's text for reading and coding. It is a read-only text box: the caret
// moves with the arrow keys (Ctrl+arrows by word, Home and End, Page Up and
// Down) and Shift with them selects, as a mouse drag does; nothing can be typed.
// Coded passages are marked with their stance by highlight and underline (solid
// for supports, wavy for challenges, dotted for context) and their number.
//
// Offsets are string indices into the body: the element holds exactly the
// body's text, so the text before a point of a selection is its offset.
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ExcerptRecord } from '../../../../shared/evidence-schemas.ts';
import { segmentsOf, STANCE_WORDS, STANCES, trimPassage, type MarkedPassage } from './lib.ts';

export interface Passage {
  start: number;
  end: number;
}

export interface NoteTextHandle {
  /** The passage selected in the text now (tidied), or null. */
  selection(): Passage | null;
  /** Selects a passage and puts focus in the text. */
  select(passage: Passage, options?: { collapseToEnd?: boolean }): void;
  focus(): void;
}

/** Characters of text before a point (node, offset) of the element: the point's offset into the body. */
function offsetOf(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The text node and offset in it where the body's character `index` stands. */
function pointAt(root: HTMLElement, index: number): [Node, number] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node !== null; node = walker.nextNode() as Text | null) {
    const length = node.data.length;
    if (index <= seen + length) return [node, index - seen];
    seen += length;
    last = node;
  }
  return last !== null ? [last, last.data.length] : [root, 0];
}

interface Props {
  id: string;
  body: string;
  title: string;
  excerpts: readonly ExcerptRecord[];
  numbers: ReadonlyMap<string, number>;
  pending: Passage | null;
  activeExcerptId: string | null;
  describedBy: string;
  /** Enter on a selection, or a mouse selection: code this passage. */
  onCode(passage: Passage): void;
  /** A click on a coded passage with nothing selected: point at its excerpt(s). */
  onPointAt(excerptIds: string[]): void;
  /** The selection changed: for the "Code the selection" button. */
  onSelectionChange(passage: Passage | null): void;
}

export const NoteText = forwardRef<NoteTextHandle, Props>(function NoteText(
  { id, body, title, excerpts, numbers, pending, activeExcerptId, describedBy, onCode, onPointAt, onSelectionChange },
  ref,
) {
  const root = useRef<HTMLDivElement>(null);
  const marks: MarkedPassage[] = useMemo(
    () =>
      excerpts
        .filter((x) => !x.lost && x.start !== null && x.end !== null)
        .map((x) => ({ id: x.id, start: x.start ?? 0, end: x.end ?? 0, stances: STANCES.filter((s) => x.links.some((l) => l.stance === s)), number: numbers.get(x.id) ?? 0 })),
    [excerpts, numbers],
  );
  const segments = useMemo(() => segmentsOf(body.length, marks, pending), [body.length, marks, pending]);

  const readSelection = (): Passage | null => {
    const element = root.current;
    const selection = document.getSelection();
    if (element === null || selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null;
    const start = offsetOf(element, range.startContainer, range.startOffset);
    const end = offsetOf(element, range.endContainer, range.endOffset);
    return trimPassage(body, start, end);
  };

  useImperativeHandle(ref, () => ({
    selection: readSelection,
    select(passage, options) {
      const element = root.current;
      if (element === null) return;
      element.focus({ preventScroll: true });
      const range = document.createRange();
      const [startNode, startOffset] = pointAt(element, passage.start);
      const [endNode, endOffset] = pointAt(element, passage.end);
      range.setStart(startNode, startOffset);
      range.setEnd(endNode, endOffset);
      if (options?.collapseToEnd === true) range.collapse(false);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      const box = range.getBoundingClientRect();
      if (box.top < 80 || box.bottom > window.innerHeight - 60) {
        const marker = (startNode.nodeType === Node.TEXT_NODE ? startNode.parentElement : (startNode as HTMLElement)) ?? element;
        marker.scrollIntoView({ block: 'center' });
      }
    },
    focus() {
      root.current?.focus({ preventScroll: true });
    },
  }));

  // Nothing may be typed, pasted, cut or dropped: the text changes only through "Edit the note".
  // Should anything slip through (a composition a browser will not cancel), the text is drawn afresh.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const element = root.current;
    if (element === null) return;
    const refuse = (event: Event) => event.preventDefault();
    const redraw = () => setVersion((v) => v + 1);
    element.addEventListener('beforeinput', refuse);
    element.addEventListener('paste', refuse);
    element.addEventListener('cut', refuse);
    element.addEventListener('drop', refuse);
    element.addEventListener('input', redraw);
    return () => {
      element.removeEventListener('beforeinput', refuse);
      element.removeEventListener('paste', refuse);
      element.removeEventListener('cut', refuse);
      element.removeEventListener('drop', refuse);
      element.removeEventListener('input', redraw);
    };
  }, [version]);

  useEffect(() => {
    // Only selections in the text count: focus moving to a button keeps the last one.
    const onChange = () => {
      const anchor = document.getSelection()?.anchorNode ?? null;
      if (anchor !== null && root.current?.contains(anchor) === true) onSelectionChange(readSelection());
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const passage = readSelection();
      if (passage !== null) onCode(passage);
    }
  };

  const onMouseUp = () => {
    // The selection settles after the mouse is let go.
    window.setTimeout(() => {
      const passage = readSelection();
      if (passage !== null) onCode(passage);
    }, 0);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const mark = (event.target as HTMLElement).closest<HTMLElement>('[data-excerpts]');
    const selection = document.getSelection();
    if (mark !== null && (selection === null || selection.isCollapsed)) onPointAt((mark.dataset.excerpts ?? '').split(' ').filter(Boolean));
  };

  return (
    <div
      key={version}
      ref={root}
      id={id}
      className="note-text"
      contentEditable
      suppressContentEditableWarning
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-label={`Text of the note “${title}”`}
      aria-describedby={describedBy}
      spellCheck={false}
      translate="no"
      onKeyDown={onKeyDown}
      onMouseUp={onMouseUp}
      onClick={onClick}
    >
      {segments.map((segment) => {
        const text = body.slice(segment.start, segment.end);
        if (segment.ids.length === 0 && !segment.pending) return <span key={segment.start}>{text}</span>;
        const classes = ['excerpt-mark'];
        if (segment.stances.length > 1) classes.push('stance-mixed');
        else if (segment.stances.length === 1) classes.push(`mark-${segment.stances[0]!}`);
        if (segment.pending) classes.push('is-pending');
        if (activeExcerptId !== null && segment.ids.includes(activeExcerptId)) classes.push('is-active');
        const what = segment.ids.map((x) => `excerpt ${numbers.get(x) ?? ''}`).join(', ');
        const stances = segment.stances.map((s) => STANCE_WORDS[s].toLowerCase()).join(' and ');
        return (
          <mark
            key={segment.start}
            className={classes.join(' ')}
            data-excerpts={segment.ids.join(' ')}
            data-ends={segment.ending.length > 0 ? segment.ending.join(',') : undefined}
            title={segment.pending ? 'The passage being linked' : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}${stances !== '' ? `: ${stances}` : ''}`}
          >
            {text}
          </mark>
        );
      })}
    </div>
  );
});
