// Dropping a file anywhere on the window takes it to the Imports page and
// starts reading it. While a file is dragged over the window, an overlay says
// what dropping it will do (a picture only: the keyboard way in is the
// "Import a spreadsheet" button).
import { useEffect, useState } from 'react';
import { useAppStore } from '../state/app.ts';
import { useImportsStore } from '../state/imports.ts';
import { useRouter } from '../state/router.ts';
import { FileIcon } from './Icons.tsx';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer !== null && Array.from(event.dataTransfer.types).includes('Files');
}

export function FileDrop() {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // allows the drop (and stops the window opening the file itself)
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      const file = files[0];
      if (file === undefined) return;
      useRouter.getState().go('imports');
      void useImportsStore.getState().startFile(file);
      if (files.length > 1) {
        useAppStore.getState().notify({
          kind: 'info',
          title: `Reading ${file.name} only`,
          message: `${files.length} files were dropped; Scrutiny Desk imports one at a time. Drop the others after this one.`,
        });
      }
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <FileIcon />
        <p className="drop-overlay-title">Drop the file to import it</p>
        <p>CSV, XLSX, ODS or XLS, up to 100 MB. You will check it before anything is stored.</p>
      </div>
    </div>
  );
}
