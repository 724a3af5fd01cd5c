// useSave(): how every desk form saves. Busy while the request runs, the
// Chinese success message, the server's field errors on the form's fields
// (api/forms.ts via useFeedback), the affected query keys invalidated, and
// onOk. Built on api/save-core.ts (TanStack Query's useMutation).
//   const { save, busy } = useSave({ run: (v: Values) => api.post('/x', v), ok: '已保存', form,
//     invalidate: [keys.x.all], onOk: onClose });
// tests/unit/web-saves.test.ts fails when a hand-written busy/try/finally save reappears.
import type { FormInstance } from 'antd';
import { useFeedback } from '../components/useActions.ts';
import { useSaveCore, type Save, type SaveCoreOptions } from './save-core.ts';

export interface SaveOptions<V, R> extends SaveCoreOptions<V, R> {
  /** The success message; a function may pick it from the result (nothing said when it returns no text). */
  ok?: string | ((r: R, v: V) => string | null | undefined);
  /** The form whose fields show the server's field errors (the rest go in the error message). */
  form?: FormInstance;
}

export function useSave<V = void, R = unknown>(o: SaveOptions<V, R>): Save<V, R> {
  const { ok, fail } = useFeedback();
  return useSaveCore(o, {
    ok: (r, v) => {
      const text = typeof o.ok === 'function' ? o.ok(r, v) : o.ok;
      if (text) ok(text);
    },
    fail: (e) => fail(e, o.form),
  });
}
