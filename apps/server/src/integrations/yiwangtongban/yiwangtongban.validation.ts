import { z } from 'zod';

const day = z.iso.date();

/** What the hub accepts and sends (used by the simulator, and by the client to check what arrives). */
export const HubCaseSchema = z.strictObject({
  caseNo: z.string().regex(/^[A-Z0-9-]{6,40}$/),
  applicant: z.string().min(1).max(60),
  worksType: z.enum(['dig', 'occupy', 'pipe_repair', 'pipe_lay', 'other']),
  requestedFrom: day,
  requestedTo: day,
  lanes: z.string().min(1).max(60),
  trafficPlan: z.string().max(2000),
  attachments: z.array(z.strictObject({ name: z.string().min(1).max(200), url: z.string().min(1).max(500) })).max(50),
  locationText: z.string().min(1).max(200),
  districtCode: z
    .string()
    .regex(/^3101\d\d$/)
    .optional(),
});

export const HubDecisionSchema = z.strictObject({
  caseNo: z.string().min(1),
  decision: z.enum(['approve', 'refuse']),
  reason: z.string().min(1).max(500),
  decidedAt: z.iso.datetime({ offset: true }),
  segments: z.array(z.string().min(1)).max(20),
});
