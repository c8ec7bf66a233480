/**
 * The 16 districts of Shanghai (GB/T 2260 codes in use): the e-bike registration's 登记行政区划, the demo organisation's
 * 支队, the synthetic people's addresses. The one list; checked against the GB/T 2260 table in the tests.
 */
export const SHANGHAI_DISTRICTS = {
  '310101': '黄浦区',
  '310104': '徐汇区',
  '310105': '长宁区',
  '310106': '静安区',
  '310107': '普陀区',
  '310109': '虹口区',
  '310110': '杨浦区',
  '310112': '闵行区',
  '310113': '宝山区',
  '310114': '嘉定区',
  '310115': '浦东新区',
  '310116': '金山区',
  '310117': '松江区',
  '310118': '青浦区',
  '310120': '奉贤区',
  '310151': '崇明区',
} as const;

/** A district's name without 区 / 新区 (浦东新区 → 浦东), as in 浦东交警支队. */
export const districtShortName = (name: string): string => name.replace(/新?区$/, '');
