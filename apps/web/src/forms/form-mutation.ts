import { useMutation } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useErrorReporter } from './server-errors';

export interface FormMutationOptions<TData, TVariables> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /**
   * The toast once the server has accepted it (a text, or one made from the answer); none when the caller shows the
   * answer itself (a secret shown once, the clear personal data).
   */
  success?: string | ((data: TData) => string);
  /** What else follows success: caches, the caller's refresh, closing the modal. */
  onSuccess?: (data: TData) => void;
}

/**
 * The mutation of a form modal: runs it, says so on success, and on failure puts the server's per-field messages
 * under the form's fields and shows the rest (message, details that match no field) as a toast.
 */
export function useFormMutation<TData, TVariables>(form: FormInstance, { mutationFn, success, onSuccess }: FormMutationOptions<TData, TVariables>) {
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  return useMutation({
    mutationFn,
    onSuccess: (data: TData) => {
      if (success !== undefined) message.success(typeof success === 'function' ? success(data) : success);
      onSuccess?.(data);
    },
    onError: (error) => reportError(error, form),
  });
}
