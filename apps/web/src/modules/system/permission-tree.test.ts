import { P, PLATFORM_PERMISSIONS } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { checkedLeaves, withAncestors } from './permission-tree';

describe('role permissions and the checkable tree', () => {
  it('stores the menus above every checked action', () => {
    expect(withAncestors(PLATFORM_PERMISSIONS, [P.userList, P.userCreate]).sort()).toEqual(['system', P.userMenu, P.userCreate, P.userList].sort());
  });

  it('shows only held leaves as checked, so a menu does not check all its actions', () => {
    expect(checkedLeaves(PLATFORM_PERMISSIONS, ['system', P.userMenu, P.userList])).toEqual([P.userList]);
  });
});
