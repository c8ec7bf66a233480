import { installChineseZodMessages } from '@shtp/core/validators';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionProvider } from './auth/session';
import { registerPlatformMenu } from './menu/platform-menu';
import { registerAppointmentsMenu } from './modules/appointments/appointments-menu';
import { registerArchiveMenu } from './modules/archive/archive-menu';
import { registerEbikeMenu } from './modules/ebike/ebike-menu';
import { registerEnforcementMenu } from './modules/enforcement/enforcement-menu';
import { registerExchangeMenu } from './modules/exchange/exchange-menu';
import { registerPaymentsMenu } from './modules/payments/payments-menu';
import { registerPublishingMenu } from './modules/publishing/publishing-menu';
import { registerRecognitionMenu } from './modules/recognition/recognition-menu';
import { registerRoadworksMenu } from './modules/roadworks/roadworks-menu';
import { registerTempplateMenu } from './modules/tempplate/tempplate-menu';
import './styles.css';

dayjs.locale('zh-cn');
installChineseZodMessages();
registerPlatformMenu();
registerEbikeMenu();
registerEnforcementMenu();
registerArchiveMenu();
registerRecognitionMenu();
registerTempplateMenu();
registerRoadworksMenu();
registerExchangeMenu();
registerPaymentsMenu();
registerPublishingMenu();
registerAppointmentsMenu();

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** Users who ask the system for less motion get no antd animations (modals, dropdowns); browser tests ask too. */
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { motion: !reducedMotion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
