import { Badge, Button, NavBar, SafeArea, TabBar, Toast } from 'antd-mobile';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type Pda, PdaContext } from './context.tsx';
import { enqueue, PdaDatabase, syncOutbox } from './offline/outbox.ts';
import { AlcoholPage } from './pages/AlcoholPage.tsx';
import { DetentionPage } from './pages/DetentionPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { LookupPage } from './pages/LookupPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { ViolationPage } from './pages/ViolationPage.tsx';
import { PdaApi, type Session, savedSession } from './transport/api.ts';

const db = new PdaDatabase();
const api = new PdaApi(db);
const TABS = [
  { key: 'lookup', title: '查询' },
  { key: 'violation', title: '违法' },
  { key: 'breath', title: '酒检' },
  { key: 'detention', title: '扣留' },
  { key: 'outbox', title: '待发' },
] as const;
type Tab = (typeof TABS)[number]['key'];

export function App() {
  const device = useLiveQuery(() => db.device.get('device'), [], null);
  const [session, setSession] = useState<Session | null>(savedSession);
  const [online, setOnline] = useState(navigator.onLine);
  const [tab, setTab] = useState<Tab>('lookup');
  const pending = useLiveQuery(() => db.outbox.where('state').equals('pending').count(), [], 0);

  const sync = useCallback(async () => {
    if (!navigator.onLine) return;
    const settled = await syncOutbox(db, api.send);
    if (settled) Toast.show({ content: `已同步 ${settled} 条` });
  }, []);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const timer = setInterval(() => void sync(), 15_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      clearInterval(timer);
    };
  }, [sync]);

  const pda = useMemo<Pda | null>(
    () =>
      session && {
        db,
        api,
        session,
        online,
        sync,
        async submit(item, photos = []) {
          await enqueue(db, item);
          for (const [n, blob] of photos.entries()) {
            const id = crypto.randomUUID();
            await enqueue(db, {
              id,
              kind: 'photo',
              title: `${item.title} · 照片 ${n + 1}`,
              url: '/api/pda/enforcement/photos',
              payload: { id, recordType: item.kind, recordId: item.id },
              photo: { blob, uploadUrl: null, sentBytes: 0 },
            });
          }
          await sync();
        },
      },
    [session, online, sync],
  );

  if (device === null) return null; // IndexedDB still opening
  if (!device) return <SetupPage api={api} />;
  if (!session || !pda) return <LoginPage api={api} deviceCode={device.deviceCode} onLogin={setSession} />;
  return (
    <PdaContext.Provider value={pda}>
      <NavBar
        back={null}
        right={
          <Button size="small" fill="none" onClick={() => void api.logout().then(() => setSession(null))}>
            退出
          </Button>
        }
      >
        {online ? '交通执法' : '交通执法（离线）'} · {session.displayName}
      </NavBar>
      <div className="page">
        {tab === 'lookup' && <LookupPage />}
        {tab === 'violation' && <ViolationPage />}
        {tab === 'breath' && <AlcoholPage />}
        {tab === 'detention' && <DetentionPage />}
        {tab === 'outbox' && <OutboxPage />}
      </div>
      <div style={{ position: 'fixed', bottom: 0, left: 0, right: 0, background: '#fff' }}>
        <TabBar activeKey={tab} onChange={(k) => setTab(k as Tab)}>
          {TABS.map((t) => (
            <TabBar.Item key={t.key} title={t.key === 'outbox' && pending ? <Badge content={pending}>{t.title}</Badge> : t.title} />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </div>
    </PdaContext.Provider>
  );
}
