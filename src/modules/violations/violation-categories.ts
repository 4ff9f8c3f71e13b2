/** The eleven kinds of prohibited content of §02.2 (domain.md "Reports from the public"). */
export const CONTENT_VIOLATION_CATEGORIES = ['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11'] as const;
export type ContentViolationCategory = (typeof CONTENT_VIOLATION_CATEGORIES)[number];

/** Breaches of the operator's duties of §02.4-7 (information management, editors, training, records). */
export const DUTY_VIOLATION_CATEGORIES = ['S04', 'S05', 'S06', 'S07'] as const;
export type DutyViolationCategory = (typeof DUTY_VIOLATION_CATEGORIES)[number];

export const VIOLATION_CATEGORIES = [...CONTENT_VIOLATION_CATEGORIES, ...DUTY_VIOLATION_CATEGORIES] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

export const VIOLATION_CATEGORY_LABELS: Record<ViolationCategory, string> = {
  C01: '反对宪法所确定的基本原则',
  C02: '危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一',
  C03: '损害国家荣誉和利益',
  C04: '煽动民族仇恨、民族歧视，破坏民族团结',
  C05: '破坏国家宗教政策，宣扬邪教和封建迷信',
  C06: '散布谣言，扰乱社会秩序，破坏社会稳定',
  C07: '散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪',
  C08: '侮辱或者诽谤他人，侵害他人合法权益',
  C09: '引诱未成年人违法犯罪、损害未成年人身心健康',
  C10: '违背社会公德和公序良俗',
  C11: '法律、行政法规、规章和国家禁止发布和转载的其他内容',
  S04: '未建立健全信息内容管理制度（§02.4）',
  S05: '未落实编辑责任制度（§02.5）',
  S06: '未组织从业人员教育培训（§02.6）',
  S07: '未建立或未及时报备从业人员管理记录（§02.7）',
};

/** Where a violation came to the office's knowledge. */
export const VIOLATION_SOURCES = ['report', 'inspection', 'upper_notice', 'platform_notice'] as const;
export type ViolationSource = (typeof VIOLATION_SOURCES)[number];
export const VIOLATION_SOURCE_LABELS: Record<ViolationSource, string> = {
  report: '群众举报',
  inspection: '日常巡查',
  upper_notice: '上级通报',
  platform_notice: '平台通报',
};

/**
 * §02.3: untrue or unfair content that harmed someone obliges the operator to correct it and
 * apologise publicly. Content categories where that duty arises by their nature.
 */
export const CORRECTION_CATEGORIES: readonly ViolationCategory[] = ['C06', 'C08'];
