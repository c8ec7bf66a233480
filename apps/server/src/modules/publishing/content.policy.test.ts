import { PUBLISHING_P } from '@shtp/core/publishing';
import { describe, expect, it } from 'vitest';
import { attachmentRefusal, contentActions, contentRefusal, draftRefusal, publishAtRefusal } from './content.policy.ts';

describe('G8 content policy', () => {
  const draft = { state: 'draft' as const, createdBy: 7 };
  it('drafts a new version only when none is in review and the item is not withdrawn', () => {
    expect(draftRefusal([])).toBeNull();
    expect(draftRefusal([{ state: 'published' }, { state: 'rejected' }])).toBeNull();
    expect(draftRefusal([{ state: 'published' }, { state: 'pending' }])).toMatch('未完成审核');
    expect(draftRefusal([{ state: 'withdrawn' }])).toMatch('已撤回');
  });
  it('lets only someone other than the author review a pending version; submits drafts, withdraws what is published', () => {
    const pending = { ...draft, state: 'pending' as const };
    expect(contentRefusal('review', pending, 8)).toBeNull();
    expect(contentRefusal('review', pending, 7)).toMatch('不能审核自己起草的内容');
    expect(contentRefusal('review', draft, 8)).toMatch('只有待审核');
    expect(contentRefusal('submit', draft, 7)).toBeNull();
    expect(contentRefusal('submit', pending, 7)).toMatch('只有草稿');
    expect(contentRefusal('withdraw', { ...draft, state: 'published' }, 8)).toBeNull();
    expect(contentRefusal('withdraw', pending, 8)).toMatch('只有已发布');
    const actions = contentActions(new Set([PUBLISHING_P.edit, PUBLISHING_P.review]), 7, pending);
    expect([actions.submit.allowed, actions.approve.allowed, actions.withdraw.allowed]).toEqual([false, false, false]);
    expect(contentActions(new Set([PUBLISHING_P.review]), 8, pending).approve.allowed).toBe(true);
  });
  it('lets only the author edit a draft in place, and nothing once submitted', () => {
    expect(contentRefusal('edit', draft, 7)).toBeNull();
    expect(contentRefusal('edit', draft, 8)).toBe('只有起草人可以修改草稿');
    expect(contentRefusal('edit', { ...draft, state: 'pending' }, 7)).toBe('只有草稿可以修改，已提交的请起草新版本');
    expect(contentActions(new Set([PUBLISHING_P.review]), 7, draft).edit.allowed).toBe(false);
    expect(contentActions(new Set([PUBLISHING_P.edit]), 7, draft).edit).toEqual({ allowed: true });
  });
  it('lets only the author add or remove files, and only while a draft', () => {
    expect(attachmentRefusal(draft, 7)).toBeNull();
    expect(attachmentRefusal(draft, 8)).toBe('只有起草人可以上传或删除草稿的附件');
    expect(attachmentRefusal(draft, null)).toBe('只有起草人可以上传或删除草稿的附件');
    for (const state of ['pending', 'published', 'rejected', 'withdrawn'] as const)
      expect(attachmentRefusal({ ...draft, state }, 7)).toBe('只有草稿可以上传或删除附件，已提交的请起草新版本');
  });
  it('refuses a scheduled time in the past', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    expect(publishAtRefusal(undefined, now)).toBeNull();
    expect(publishAtRefusal(new Date('2026-12-04T08:00:00Z'), now)).toBeNull();
    expect(publishAtRefusal(new Date('2026-12-02T08:00:00Z'), now)).toMatch('不能早于当前时间');
  });
});
