// Turns a drop into File[]: plain files as they are, folders walked recursively through the
// File and Directory Entries API (webkitGetAsEntry), which every current browser supports.
// Hidden entries inside folders (.DS_Store, .git, ...) are skipped: nobody means to upload them;
// a hidden file dropped on its own was chosen, so it is kept.

/** The part of FileSystemEntry this module uses, so the walk can be tested with plain objects. */
export interface EntryLike {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

const isHidden = (name: string) => name.startsWith('.');

/** The file of a file entry, or every visible file under a folder, depth first, in the reader's order. */
export async function filesInEntry(entry: EntryLike): Promise<File[]> {
  if (entry.isFile) return [await fileOf(entry as FileEntryLike)];
  if (!entry.isDirectory) return [];
  const files: File[] = [];
  for (const child of await readAll(entry as DirectoryEntryLike)) if (!isHidden(child.name)) files.push(...(await filesInEntry(child)));
  return files;
}

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries hands out a directory in batches (Chromium: 100 at a time) until it returns none. */
async function readAll(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

/**
 * The files of a drop, folders expanded. Must be called during the drop event itself: the
 * DataTransferItemList is emptied once the event handler returns, so the entries are taken first
 * and walked afterwards.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const roots: Array<{ entry?: EntryLike; file: File | null }> = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = (item.webkitGetAsEntry?.() as EntryLike | null | undefined) ?? undefined;
    // Taken now as well: WebKit gives some drops (pasted or scripted ones) a file entry whose
    // file() rejects ("Path does not exist") while the item itself has the file.
    roots.push({ entry, file: item.getAsFile() });
  }
  // A browser without items (or without entries) still gives the flat file list.
  if (!roots.length) return Promise.resolve(Array.from(transfer.files));
  return Promise.all(
    roots.map(({ entry, file }) => (!entry ? (file ? [file] : []) : entry.isFile && file ? filesInEntry(entry).catch(() => [file]) : filesInEntry(entry))),
  ).then((lists) => lists.flat());
}
