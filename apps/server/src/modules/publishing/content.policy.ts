import { type ActionDecision, permitted } from '@shtp/core/platform';
import { PUBLISHING_P } from '@shtp/core/publishing';

interface Version {
  state: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  createdBy: number;
}

/** Whether a new version of an item may be drafted, given its existing versions: null if so, else the refusal. */
export function draftRefusal(versions: readonly Pick<Version, 'state'>[]): string | null {
  if (versions.some((v) => v.state === 'draft' || v.state === 'pending')) return '该内容已有未完成审核的版本，请先提交或等待审核';
  if (versions.some((v) => v.state === 'withdrawn')) return '该内容已撤回，不能再发布新版本';
  return null;
}

/** What may be done to a version now: null if allowed, else the Chinese refusal (maker/checker for the review). */
export function contentRefusal(what: 'edit' | 'submit' | 'review' | 'withdraw', v: Version, userId: number | null): string | null {
  if (what === 'submit') return v.state === 'draft' ? null : '只有草稿可以提交审核';
  // Only the author edits: the checker must never have written what they approve.
  if (what === 'edit') return v.state !== 'draft' ? '只有草稿可以修改，已提交的请起草新版本' : v.createdBy === userId ? null : '只有起草人可以修改草稿';
  if (what === 'withdraw') return v.state === 'published' ? null : '只有已发布的内容可以撤回';
  if (v.state !== 'pending') return '只有待审核的版本可以审核';
  if (userId === null || v.createdBy === userId) return '发布内容须由起草人以外的人员审核，不能审核自己起草的内容';
  return null;
}

/** Files of a version are added and removed by its author while it is a draft: null if allowed, else the refusal. */
export function attachmentRefusal(v: Version, userId: number | null): string | null {
  if (v.state !== 'draft') return '只有草稿可以上传或删除附件，已提交的请起草新版本';
  return v.createdBy === userId ? null : '只有起草人可以上传或删除草稿的附件';
}

/** The scheduled time of an approval: now when none is given; never in the past. */
export function publishAtRefusal(publishAt: Date | undefined, now: Date): string | null {
  return publishAt && publishAt.getTime() < now.getTime() - 60_000 ? '定时发布时间不能早于当前时间' : null;
}

export const contentActions = (
  permissions: ReadonlySet<string>,
  userId: number | null,
  v: Version,
): Record<'edit' | 'submit' | 'approve' | 'reject' | 'withdraw', ActionDecision> => ({
  edit: permitted(permissions, [PUBLISHING_P.edit], () => contentRefusal('edit', v, userId)),
  submit: permitted(permissions, [PUBLISHING_P.edit], () => contentRefusal('submit', v, userId)),
  approve: permitted(permissions, [PUBLISHING_P.review], () => contentRefusal('review', v, userId)),
  reject: permitted(permissions, [PUBLISHING_P.review], () => contentRefusal('review', v, userId)),
  withdraw: permitted(permissions, [PUBLISHING_P.review], () => contentRefusal('withdraw', v, userId)),
});
