/** Permission codes of the 信息发布 module (G8, internet zone). */
export const PUBLISHING_P = {
  menu: 'publishing',
  /** Write drafts and new versions, submit them for review. */
  edit: 'publishing:edit',
  /** Approve (publish, possibly at a set time) or reject what another person submitted; withdraw what is published. */
  review: 'publishing:review',
  /** G4: register the area's services with the 一网通办 hub, see and retry what is pushed to it. */
  hub: 'publishing:hub',
} as const;
