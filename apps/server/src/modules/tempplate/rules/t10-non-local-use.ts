import { nonLocalIdCard } from './id-region.ts';
import { ticketLines, ticketsWithin, validityWindow } from './plate-tickets.ts';
import { evidence, type Rule } from './rule.ts';

/**
 * T10 非沪籍临牌办理查询: an owner whose ID was issued outside Shanghai, with evidence of local use — earlier temporary
 * plates here in the window, a mobile contact phone in a Shanghai number segment (号段, a parameter list), tickets of
 * the 交通执法 module on the plate within its validity (read through `enforcement.api.ts` ticketsOfPlates; a plate
 * taken to be registered elsewhere that collects Shanghai tickets stays here), or (when the parameter says so) a
 * Shanghai landline. A sign the vehicle is used locally on temporary plates; listed for confirmation against the
 * owner's ID image. The tickets carry no plate type: a formal plate with the same characters would match too.
 */
export const t10NonLocalUse: Rule = {
  code: 'T10',
  version: 4,
  reads: ['localUseMinBusinesses', 'issueWindowDays', 'landlineAsLocalUse', 'localMobileSegments', 'localUseMinTickets'],
  history: true,
  evaluate({ business: b, ownerHistory, plateTickets, params: p }) {
    if (nonLocalIdCard(b.ownerIdType, b.ownerRegion) !== true) return null;
    const earlier = ownerHistory.filter((h) => h.id !== b.id && h.issuedAt <= b.issuedAt);
    const repeated = earlier.length >= p.localUseMinBusinesses;
    const landline = p.landlineAsLocalUse && b.phoneLandline;
    const prefix = b.phoneMobilePrefix;
    // the longest listed segment the number starts with (the most specific, shown in the evidence)
    const segment = prefix ? p.localMobileSegments.filter((s) => prefix.startsWith(s)).sort((x, y) => y.length - x.length)[0] : undefined;
    // tickets on the plate within its validity (none counted with a minimum of 0 or unreadable dates)
    const validity = validityWindow(b.validFrom, b.validTo);
    const byTickets = p.localUseMinTickets > 0 && validity !== null;
    const local = byTickets ? ticketsWithin(plateTickets, b.plate, validity) : [];
    const ticketed = byTickets && local.length >= p.localUseMinTickets;
    if (!repeated && !landline && !segment && !ticketed) return null;
    const shown = local.slice(0, 10);
    const signs = [
      repeated && `${p.issueWindowDays} 天内已在本市办理临牌 ${earlier.length} 次`,
      segment && `联系电话为上海手机号段（${segment}）`,
      ticketed && `临牌有效期内在本市有 ${local.length} 条交通违法记录`,
      landline && '联系电话为上海固定电话',
    ].filter(Boolean);
    const bySegment = p.localMobileSegments.length > 0 && prefix !== null;
    return {
      severity: 'low',
      summary: `外省市身份证明（签发地 ${b.ownerRegion}）的所有人${signs.join('，')}，需核对身份证明影像与车辆使用地`,
      evidence: evidence({
        compared: [
          { item: '证件签发地', value: b.ownerRegion, against: '非本市（31 开头为本市）' },
          { item: '统计期内本市已办临牌', value: String(earlier.length), against: `阈值 ${p.localUseMinBusinesses}` },
          // the segment only, never the whole number
          ...(bySegment
            ? [{ item: '联系电话号段', value: segment ?? '不在本市号段列表内', against: `本市手机号段（${p.localMobileSegments.length} 个）` }]
            : []),
          ...(byTickets ? [{ item: '有效期内本市交通违法记录', value: `${local.length} 条`, against: `阈值 ${p.localUseMinTickets} 条` }] : []),
          ...ticketLines(shown, `临牌有效期 ${b.validFrom} 至 ${b.validTo}`),
          ...(p.landlineAsLocalUse ? [{ item: '联系电话类型', value: b.phoneLandline ? '上海固定电话' : '手机', against: '上海固定电话视为本地使用' }] : []),
        ],
        threshold: [
          `已办 ≥ ${p.localUseMinBusinesses} 次`,
          p.localMobileSegments.length > 0 && '或联系电话属上海手机号段',
          byTickets && `或有效期内本市交通违法 ≥ ${p.localUseMinTickets} 条`,
          p.landlineAsLocalUse && '或联系电话为上海固定电话',
        ]
          .filter(Boolean)
          .join('，'),
        window: `${p.issueWindowDays} 天`,
        related: earlier.map((h) => ({ businessId: h.id, plate: h.plate, issuedAt: h.issuedAt.toISOString() })),
        images: b.materials.includes('owner_id') ? [{ material: 'owner_id', box: null }] : [],
        note:
          shown.length > 0
            ? `请比对所有人身份证明影像；交通违法按号牌号码与交通执法的简易程序决定书、警告比对（记录无号牌种类，请核对车辆）${local.length > shown.length ? `，仅列出前 ${shown.length} 条` : ''}`
            : '请比对所有人身份证明影像',
      }),
    };
  },
};
