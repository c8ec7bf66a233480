import { CapsuleTabs } from 'antd-mobile';
import { BloodSampleForm } from './BloodSampleForm.tsx';
import { BreathTestPage } from './BreathTestPage.tsx';

/** 酒检: the breath test (P3) and, when drunk or disputed, the blood sample (P6). */
export function AlcoholPage() {
  return (
    <CapsuleTabs defaultActiveKey="breath">
      <CapsuleTabs.Tab title="呼气检测" key="breath">
        <BreathTestPage />
      </CapsuleTabs.Tab>
      <CapsuleTabs.Tab title="血样登记" key="blood">
        <BloodSampleForm />
      </CapsuleTabs.Tab>
    </CapsuleTabs>
  );
}
