// Mutations with the app's feedback: success toast, Chinese error message,
// field errors on the form.
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { applyFieldErrors } from '../api/forms.ts';

export function useFeedback() {
  const { message, modal } = App.useApp();
  const fail = useCallback(
    (e: unknown, form?: FormInstance) => {
      const rest = form ? applyFieldErrors(form, e) : e instanceof ApiError ? e.fields.map((f) => f.message) : [];
      const base = errorMessage(e);
      message.error(rest.length ? `${base}：${rest.join('；')}` : base);
    },
    [message],
  );
  const ok = useCallback(
    (text: string) => {
      message.success(text);
    },
    [message],
  );
  const confirm = useCallback(
    (title: string, content: string, onOk: () => Promise<unknown>, danger = true) => {
      modal.confirm({ title, content, okText: '确定', cancelText: '取消', okButtonProps: { danger }, onOk });
    },
    [modal],
  );
  return { fail, ok, confirm, message, modal };
}
