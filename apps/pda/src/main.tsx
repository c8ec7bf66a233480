import { installChineseZodMessages } from '@shtp/core/validators';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './pda.css';

installChineseZodMessages();
createRoot(document.getElementById('root')!).render(<App />);
