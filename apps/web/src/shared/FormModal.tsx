import { Button, Modal } from 'antd';
import type { ReactNode } from 'react';

interface FormModalProps {
  title: string;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  /** `data-testid` of the save button, for browser tests. */
  saveTestId: string;
  saveText?: string;
  /** Only a 关闭 button, for records that may be looked at but not changed. */
  readOnly?: boolean;
  width?: number;
  children: ReactNode;
}

/** A modal with 取消 / 保存 for editing one record; the form inside submits on 保存. */
export function FormModal({ title, saving, onSave, onCancel, saveTestId, saveText = '保存', readOnly = false, width, children }: FormModalProps) {
  const cancel = (
    <Button key="cancel" onClick={onCancel}>
      {readOnly ? '关闭' : '取消'}
    </Button>
  );
  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onCancel}
      mask={{ closable: false }}
      footer={
        readOnly
          ? [cancel]
          : [
              cancel,
              <Button key="save" type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
                {saveText}
              </Button>,
            ]
      }
    >
      {children}
    </Modal>
  );
}
