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
  width?: number;
  children: ReactNode;
}

/** A modal with 取消 / 保存 for editing one record; the form inside submits on 保存. */
export function FormModal({ title, saving, onSave, onCancel, saveTestId, saveText = '保存', width, children }: FormModalProps) {
  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onCancel}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          取消
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
          {saveText}
        </Button>,
      ]}
    >
      {children}
    </Modal>
  );
}
