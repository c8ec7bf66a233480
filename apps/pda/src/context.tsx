import { createContext, useContext } from 'react';
import type { PdaDatabase, RecordKind, StepKind } from './offline/outbox.ts';
import type { PdaApi, Session } from './transport/api.ts';

export interface Pda {
  db: PdaDatabase;
  api: PdaApi;
  session: Session;
  online: boolean;
  /** Puts a record and its photos in the outbox and tries to send them now. */
  submit(item: { id: string; kind: RecordKind | StepKind; title: string; url: string; payload: unknown }, photos?: readonly Blob[]): Promise<void>;
  sync(): Promise<void>;
}

export const PdaContext = createContext<Pda | null>(null);
export function usePda(): Pda {
  const pda = useContext(PdaContext);
  if (!pda) throw new Error('PdaContext missing');
  return pda;
}
