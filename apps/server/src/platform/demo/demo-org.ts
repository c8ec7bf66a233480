import { districtShortName, SHANGHAI_DISTRICTS } from '@shtp/core/validators';

/** The shape of the Shanghai traffic-police organisation for demo data (DOMAIN.md §7; codes are synthetic). */
export const DISTRICTS = Object.entries(SHANGHAI_DISTRICTS).map(([code, name]) => [code, districtShortName(name)] as const);

export const SPECIAL_DETACHMENTS = ['高速公路支队', '高架道路支队', '车辆管理所', '事故处理支队'] as const;
export const BRIGADES = ['一大队', '二大队', '三大队'] as const;
