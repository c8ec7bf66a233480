import type { Rng } from './rng.ts';
import { SHANGHAI_DISTRICTS } from './shanghai.ts';

/**
 * A synthetic Shanghai road gazetteer (R5): roads named the way Shanghai names them (north–south roads after provinces,
 * east–west roads after cities, local roads after the district's own 街道/镇 from shanghai-subdistricts.csv, with
 * 东/西/南/北/中 and 路/街/支路/公路/大道), laid out as small street grids ("neighbourhoods") around each district's
 * approximate centre, every crossing an intersection with WGS84 coordinates. Synthetic: the names are plausible, the
 * places are not surveyed; for tests, the development demo and benchmarks, never as the real seed.
 */
export interface SyntheticRoad {
  name: string;
  grade: 'arterial' | 'secondary' | 'branch';
  districts: string[];
  aliases: string[];
}

/** A crossing of two roads at a point (longitude, latitude). */
export interface SyntheticCrossing {
  roads: [string, string];
  at: [number, number];
  districtCode: string;
}

export interface SyntheticGazetteer {
  roads: SyntheticRoad[];
  /** Each road's crossing roads in order along it (west → east, south → north): neighbours make a segment. */
  chains: Record<string, string[]>;
  crossings: SyntheticCrossing[];
}

export interface SyntheticGazetteerOptions {
  /** How many street grids; they go round the 16 districts in code order. */
  neighbourhoods: number;
  /** Roads each way in a grid (grid² crossings, 2·grid·(grid−1) segments, 2·grid roads). Default 6. */
  grid?: number;
  /** Names already in use (the real seed): never generated. */
  taken?: Iterable<string>;
}

// Approximate centres (longitude, latitude) and a spread in degrees: enough to keep a district's grids apart and on land.
// biome-ignore format: a table
const CENTRES: Record<string, [number, number, number]> = {
  '310101': [121.484, 31.223, 0.012], '310104': [121.437, 31.180, 0.025], '310105': [121.400, 31.210, 0.025],
  '310106': [121.455, 31.255, 0.020], '310107': [121.396, 31.250, 0.020], '310109': [121.488, 31.270, 0.015],
  '310110': [121.526, 31.275, 0.020], '310112': [121.381, 31.100, 0.060], '310113': [121.440, 31.380, 0.060],
  '310114': [121.250, 31.350, 0.070], '310115': [121.600, 31.180, 0.120], '310116': [121.300, 30.800, 0.060],
  '310117': [121.228, 31.030, 0.070], '310118': [121.100, 31.150, 0.070], '310120': [121.500, 30.920, 0.070],
  '310151': [121.500, 31.620, 0.120],
};

const PROVINCES =
  '河南 山西 陕西 四川 江西 福建 浙江 广西 云南 贵州 湖南 湖北 山东 甘肃 青海 新疆 宁夏 吉林 辽宁 黑龙江 安徽 江苏 广东 海南 河北 内蒙古 台湾 香港 澳门'.split(
    ' ',
  );
const CITIES = (
  '长春 沈阳 太原 济南 郑州 武汉 长沙 昆明 成都 重庆 西宁 兰州 银川 贵阳 南宁 海口 杭州 合肥 南昌 石家庄 哈尔滨 大连 青岛 宁波 ' +
  '温州 苏州 无锡 常州 镇江 扬州 徐州 绍兴 嘉兴 湖州 金华 衢州 台州 芜湖 蚌埠 安庆 泉州 厦门 漳州 汕头 佛山 桂林 柳州 洛阳 开封 ' +
  '西安 宝鸡 天水 张掖 酒泉 伊宁 喀什 延吉 丹东 锦州 营口 鞍山 抚顺 本溪 辽阳 铁岭 四平 通化 白城 牡丹江 佳木斯 齐齐哈尔 包头 大同 ' +
  '临汾 运城 长治 晋城 邯郸 保定 承德 唐山 秦皇岛 烟台 威海 潍坊 淄博 临沂 日照 济宁 泰安 曲阜 襄阳 宜昌 荆州 岳阳 衡阳 株洲 湘潭 ' +
  '常德 赣州 九江 景德镇 上饶 吉安 遵义 大理 丽江 曲靖 玉溪 绵阳 宜宾 泸州 乐山 南充 自贡 达州 汉中 榆林 咸阳 渭南 商洛'
).split(' ');
const WORDS =
  '人民 解放 建设 新华 友谊 和平 民主 光明 胜利 幸福 团结 育才 学府 园林 科技 创新 富强 振兴 兴业 文化 体育 工农 红星 向阳 青年 丰收 永安 长乐 吉祥 康宁 安福 宝安 福泉 仁和 瑞丰 祥和 嘉善 汇贤 博学 明德 恒盛 鸿宁'.split(
    ' ',
  );
const FILLER = '安华宁昌兴盛嘉福瑞祥泰德丰和平康裕庆乐顺永新仁春秋云松竹桂兰荷枫柳杨桥港浦泾塘浜湾江河湖泉沙田园林';
// An east–west road is split 东/中/西, a north–south one 南/中/北; numbered roads (一路, 二路) are always 路.
const DIRECTIONS = { eastWest: ['', '', '', '东', '西', '中', '一', '二'], northSouth: ['', '', '', '南', '北', '中', '一', '二'] };

/** A district's own roots: its 街道/镇 names without the suffix, when short and not a road name themselves. */
const localRoots = (streets: readonly string[]) =>
  streets
    .map((s) => s.replace(/(新村街道|镇街道|街道|新镇|镇|乡|农场|林场|新区|工业区|工业园区|度假区)$/, ''))
    .filter((r) => r.length >= 2 && r.length <= 3 && !/[路街区（]/.test(r));

/**
 * Generates the gazetteer deterministically from the random source: the same seed and options give the same roads,
 * crossings and coordinates. Names are unique across the result and never one of `taken`.
 */
export function syntheticGazetteer(rng: Rng, opts: SyntheticGazetteerOptions): SyntheticGazetteer {
  const grid = opts.grid ?? 6;
  if (grid < 2) throw new RangeError('grid must be at least 2');
  const used = new Set(opts.taken ?? []);
  const out: SyntheticGazetteer = { roads: [], chains: {}, crossings: [] };
  const names = rng.fork('names');
  const places = rng.fork('places');

  /** A new name, and its alias without the direction (延安西路 is also called 延安路). */
  const nameFrom = (roots: readonly string[], directions: readonly string[], suburban: boolean): { name: string; aliases: string[] } => {
    for (let attempt = 0; ; attempt++) {
      // Past the plausible roots, two characters of a name-like alphabet keep the names unique at any size.
      const root = attempt < 40 && roots.length ? names.pick(roots) : names.char(FILLER) + names.char(FILLER);
      const dir = names.pick(directions);
      const kind = dir === '一' || dir === '二' || names.chance(0.85) ? '路' : names.pick(suburban ? ['公路', '大道', '街'] : ['街', '支路', '大道']);
      const name = root + dir + kind;
      if (!used.has(name)) {
        used.add(name);
        return { name, aliases: '东西南北中'.includes(dir) && dir ? [root + kind] : [] };
      }
    }
  };

  for (let n = 0; n < opts.neighbourhoods; n++) {
    const district = SHANGHAI_DISTRICTS[n % SHANGHAI_DISTRICTS.length]!;
    const [lon0, lat0, spread] = CENTRES[district.code]!;
    const suburban = spread >= 0.05;
    const local = localRoots(district.streets);
    const road = (roots: readonly string[], directions: readonly string[], i: number): SyntheticRoad => {
      const { name, aliases } = nameFrom(names.chance(0.5) ? local : roots, directions, suburban);
      const grade = i === 0 ? 'arterial' : i % 3 === 0 ? 'secondary' : 'branch';
      return { name, grade, districts: [district.code], aliases };
    };
    const eastWest = Array.from({ length: grid }, (_, i) => road(CITIES.concat(WORDS), DIRECTIONS.eastWest, i));
    const northSouth = Array.from({ length: grid }, (_, i) => road(PROVINCES.concat(WORDS), DIRECTIONS.northSouth, i));
    out.roads.push(...eastWest, ...northSouth);

    // Blocks of 300–600 m (about 0.003–0.006°), the grid's south-west corner somewhere within the district's spread.
    const west = lon0 + (places.int(-1000, 1000) / 1000) * spread;
    const south = lat0 + (places.int(-1000, 1000) / 1000) * spread;
    const xs = steps(places, west, grid);
    const ys = steps(places, south, grid);
    for (let r = 0; r < grid; r++)
      for (let c = 0; c < grid; c++) {
        const jitter = () => places.int(-4, 4) / 10_000;
        out.crossings.push({
          roads: [eastWest[r]!.name, northSouth[c]!.name],
          at: [round(xs[c]! + jitter()), round(ys[r]! + jitter())],
          districtCode: district.code,
        });
      }
    for (const ew of eastWest) out.chains[ew.name] = northSouth.map((ns) => ns.name);
    for (const ns of northSouth) out.chains[ns.name] = eastWest.map((ew) => ew.name);
  }
  return out;
}

const steps = (rng: Rng, start: number, n: number) => {
  const at = [start];
  for (let i = 1; i < n; i++) at.push(at[i - 1]! + rng.int(30, 60) / 10_000);
  return at;
};
const round = (deg: number) => Math.round(deg * 1e6) / 1e6;
