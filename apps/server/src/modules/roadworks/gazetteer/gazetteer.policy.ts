import { type ActionDecision, permitted } from '@shtp/core/platform';
import { ROADWORKS_P } from '@shtp/core/roadworks';

/** The gazetteer has no state that forbids an edit: the permission decides (the version check guards concurrent edits). */
export const roadActions = (caller: { permissions: ReadonlySet<string> }): Record<'edit', ActionDecision> => ({
  edit: permitted(caller.permissions, [ROADWORKS_P.gazetteerEdit], () => null),
});
