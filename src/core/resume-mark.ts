// A localStorage mark that the resume keeper holds uploads: cheap to read on every page, so pages
// with nothing to resume never load the keeper or open IndexedDB.
const MARK = 'upload-widget-resume';

/** Whether uploads may be kept (true when storage cannot be read: IndexedDB then decides). */
export function mayHaveKeptUploads(): boolean {
  try {
    return localStorage.getItem(MARK) !== null;
  } catch {
    return true;
  }
}

export function markKeptUploads(kept: boolean): void {
  try {
    if (kept) localStorage.setItem(MARK, '1');
    else localStorage.removeItem(MARK);
  } catch {
    /* storage blocked: the widget then always asks IndexedDB */
  }
}
