// Writes one task setting into `emergence-lens.json` at a workspace folder's root, through a WorkspaceEdit
// (so it can be undone), and only because the user ran a command. The file is created when missing.
import { Position, Range, Uri, window, workspace, WorkspaceEdit, type WorkspaceFolder } from 'vscode';
import { OVERRIDES_FILE, OverridesFileError, taskFieldEdits, type TaskField } from './overridesEdit';

export async function setTaskField(folder: WorkspaceFolder, task: string, field: TaskField, value: number | boolean): Promise<Uri | undefined> {
  const uri = Uri.joinPath(folder.uri, OVERRIDES_FILE);
  const exists = await workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  const edit = new WorkspaceEdit();
  let wasDirty = false;
  if (exists) {
    const doc = await workspace.openTextDocument(uri);
    wasDirty = doc.isDirty;
    let edits;
    try {
      edits = taskFieldEdits(doc.getText(), task, field, value);
    } catch (e) {
      if (!(e instanceof OverridesFileError)) throw e;
      const open = await window.showErrorMessage(e.message, 'Open File');
      if (open) await window.showTextDocument(doc);
      return undefined;
    }
    for (const e of edits) edit.replace(uri, new Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  } else {
    edit.createFile(uri, { ignoreIfExists: true });
    for (const e of taskFieldEdits('', task, field, value)) edit.insert(uri, new Position(0, 0), e.content);
  }
  if (!(await workspace.applyEdit(edit))) throw new Error(`Could not edit ${OVERRIDES_FILE}`);
  // Saved so the setting takes effect on disk; a file with unsaved changes of the user's is left unsaved.
  const doc = await workspace.openTextDocument(uri);
  if (!wasDirty) await doc.save();
  return uri;
}
