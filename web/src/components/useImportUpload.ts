// Upload an .xlsx to an all-or-nothing import route: the one flow behind
// every 导入 dialog. On IMPORT_INVALID the server's row errors (and whatever
// else it sends in `details`, e.g. an error report) are kept for the dialog.
import { useState } from 'react';
import { ApiError, request } from '../api/client.ts';
import type { ImportRowError } from '../api/types.ts';
import { useSaveCore } from '../api/save-core.ts';

export function useImportUpload<R, D extends { errors?: ImportRowError[] } = { errors?: ImportRowError[] }>(url: string, onImported: () => void) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [details, setDetails] = useState<D | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The dialog shows the outcome itself (no toast): the result, or the reason and the rows.
  const { save, busy } = useSaveCore({
    run: (f: File) => {
      const fd = new FormData();
      fd.append('file', f);
      return request<R>('POST', url, fd);
    },
    onOk: (r) => {
      setResult(r);
      onImported();
    },
    onFail: (e) => {
      const d = e instanceof ApiError ? (e.details as D | undefined) : undefined;
      if (e instanceof ApiError && d?.errors?.length) {
        setRowErrors(d.errors);
        setDetails(d);
      }
      setError(e instanceof ApiError ? e.message : '上传失败，请稍后再试');
      return true;
    },
  });
  const upload = async () => {
    if (!file) return;
    setError(null);
    setRowErrors(null);
    setDetails(null);
    await save(file);
  };

  /** A newly chosen file forgets the previous file's errors. */
  const pick = (f: File | null) => {
    setFile(f);
    setRowErrors(null);
    setDetails(null);
    setError(null);
  };

  return { file, pick, clearFile: () => setFile(null), busy, result, rowErrors, details, error, upload };
}
