/** Permission codes of the 信息发布 module (G8, internet zone). */
export const PUBLISHING_P = {
  menu: 'publishing',
  /** Write drafts and new versions, submit them for review. */
  edit: 'publishing:edit',
  /** Approve (publish, possibly at a set time) or reject what another person submitted; withdraw what is published. */
  review: 'publishing:review',
} as const;
