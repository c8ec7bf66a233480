import { HUB_CASE_STATUS_CODES } from '@shtp/core/publishing';
import { z } from 'zod';

/**
 * The hub's interface as data [A: until the interface document is had]: the path of each call (relative to
 * YWTB_URL) and the body it accepts. The client posts to these paths; the simulator checks bodies against these schemas.
 */
export const HUB_PATHS = {
  registerService: 'area/jj/services',
  pushContent: 'area/jj/contents',
  pushCase: 'area/jj/cases',
} as const;

export const HubServiceEntrySchema = z.strictObject({
  serviceCode: z.string().regex(/^[A-Z0-9-]{4,40}$/),
  name: z.string().min(2).max(60),
  category: z.string().min(2).max(30),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(500),
  status: z.enum(['online', 'offline']),
  version: z.number().int().positive(),
});

export const HubAreaContentSchema = z.strictObject({
  itemKey: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/),
  version: z.number().int().positive(),
  op: z.enum(['publish', 'withdraw']),
  kind: z.enum(['notice', 'consultation']),
  title: z.string().min(1).max(100),
  body: z.string().min(1).max(20_000),
  publishAt: z.iso.datetime({ offset: true }),
  attachments: z
    .array(
      z.strictObject({
        filename: z.string().min(1).max(200),
        mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
        size: z.number().int().positive(),
        url: z.string().regex(/^\/api\/public\/contents\/[a-z0-9][a-z0-9-]{2,63}\/attachments\/[0-9a-f]{64}$/),
      }),
    )
    .max(10)
    .optional(),
});

/** A 办件 status (statuses and transitions: `@shtp/core/publishing` `HUB_CASE_STATUSES`, `HUB_CASE_NEXT`). */
export const HubCaseItemSchema = z.strictObject({
  businessNo: z.string().regex(/^[A-Z0-9-]{6,40}$/),
  serviceCode: z.string().regex(/^[A-Z0-9-]{4,40}$/),
  status: z.enum(HUB_CASE_STATUS_CODES),
  statusAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
  userId: z.string().min(1).max(64).optional(),
  summary: z.string().min(1).max(100).optional(),
});

/** What the hub answers to an accepted call. */
export const HubAckSchema = z.object({ code: z.literal('0') });
