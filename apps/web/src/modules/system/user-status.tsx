import type { User } from '@shtp/core/system';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { formatDateTime } from '../../shared/format';

export const USER_STATUS_LABELS: Record<User['status'], string> = { active: '启用', disabled: '停用' };

export function isLocked(user: Pick<User, 'lockedUntil'>, now = dayjs()): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(now);
}

export function UserStatusTag({ user }: { user: User }) {
  if (isLocked(user))
    return (
      <Tag color="red" title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
        锁定
      </Tag>
    );
  return user.status === 'active' ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>;
}
