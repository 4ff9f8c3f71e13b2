/**
 * The policy table: every number the rules set, each with its citation. Decisions the system
 * records keep the entry key and POLICY_VERSION that produced them (domain.md "The policy table").
 * Citations read §section.item of the Yuhang measures (seed 002) unless they name another text.
 */
export const POLICY_VERSION = '2019-12-22/1';

export interface PolicyEntry<T> {
  value: T;
  citation: string;
  note: string;
}

const entry = <T>(value: T, citation: string, note: string): PolicyEntry<T> => ({ value, citation, note });

export const POLICY = {
  registrationRegion: entry('330110', '§01.2', '在余杭区登记注册的自媒体账号适用本办法（行政区划代码330110）'),
  qualifiedCategories: entry(
    ['finance', 'education', 'medical', 'legal'] as const,
    '§02.1, §02.4; 《互联网用户公众账号信息服务管理规定》',
    '金融、教育、医疗卫生、司法等专业领域内容须具备相应资质',
  ),
  filingNumberPrefix: entry('YH-ZMT', '§01.3; domain.md', '备案编号 YH-ZMT-<年份>-<6位序号>'),
  staffFilingRequired: entry(true, '§02.5-7', '建立总编辑负责制，编辑人员、培训、奖惩记录报区网信办备案'),
  chiefEditorsPerAccount: entry(1, '§02.5', '实行总编辑负责制：每个账号有且仅有一名在岗总编辑'),
  staffTrainingMaxHours: entry(200, '§02.6; design', '单次培训学时须大于0且不超过200小时，以半小时为单位'),
  reportConcludeWorkingDays: entry(15, '§04.6; seed 000; domain.md', '举报须在15个工作日内核查办结（全部核查）'),
  reportDuplicateWindowMinutes: entry(10, 'design', '同一来源10分钟内重复提交同一举报，返回首次的查询码'),
  reportMaxEvidence: entry(5, 'design', '证据链接最多5条'),
  reportMaxDescription: entry(2000, 'design', '举报描述最多2000字'),
  rectificationWorkingDays: entry(15, '§03.1, §03.3; domain.md', '约谈后整改期限默认15个工作日'),
  interviewMinOfficers: entry(2, '§03.1; 《行政处罚法》第四十二条', '约谈由不少于两名工作人员进行'),
  interviewNoticePrefix: entry('YH-WXYT', '§03.1; domain.md', '约谈通知书编号 YH-WXYT-<年份>-<4位序号>'),
  interviewTriggers: entry(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const, '§03.2', '约谈情形（一）至（六），每次约谈至少一项'),
  interviewRefusal: entry('failed_rectification', '§03.3', '约谈时应当予以配合，不得拒绝、阻挠；拒绝或不到场的记为拒绝约谈，按整改不合格处理'),
  rectificationOverdue: entry('failed_rectification', '§03.3', '逾期未提交整改报告的，整改不合格（逾期不予整改）'),
  rectificationAssessment: entry('association_or_third_party', '§03.4', '约谈后的整改情况由行业协会或第三方单位综合评估；评估人员不得来自与账号相关的单位'),
  escalationSteps: entry(['restrict', 'suspend', 'close'] as const, '§03.3', '逾期不予整改或整改不到位的，通报公安、新闻出版、文化旅游等部门，并报请上级网信部门限制发布、暂停更新直至关闭账号；逐级实施'),
  escalationReferralDepartments: entry(['police', 'press', 'culture'] as const, '§03.3', '限制发布时通报公安、新闻出版、文化旅游等相关部门'),
  measureLift: entry('later_passed_rectification', '§03.5', '整改期内积极有效整改、经区网信办评估同意的，可结束处罚：措施生效后有整改评估合格的约谈，逐级解除'),
  measureApproval: entry('maker_checker', 'domain.md; GB/T 22239-2019 8.1.4.2', '具有法律效力的措施由工作人员提出、审批负责人批准；提出人不得审批自己的提议'),
  blacklistViolationThreshold: entry(3, '§03.5', '多次发布或转发违法违规信息：12个月内3次及以上查实违规'),
  blacklistViolationWindowMonths: entry(12, '§03.5', '统计违规次数的时间窗口'),
  blacklistTermMonths: entry(12, '§03.5', '列入黑名单期限12个月'),
  blacklistDefenceWorkingDays: entry(5, '§03.5; 国办发〔2020〕49号', '列入前告知，当事人可在5个工作日内陈述申辩'),
  jointRestrictionListings: entry(2, '§03.5', '3年内两次及以上列入黑名单的实施联合限制'),
  jointRestrictionWindowYears: entry(3, '§03.5', '联合限制的统计年限'),
  blacklistRefusedRectification: entry('failed_rectification', '§03.5', '发布、转载违法违规信息后拒不整改：整改不合格（评估不合格、逾期未整改或拒绝约谈）'),
  blacklistNoticePrefix: entry('YH-WXHMD', '§03.5; 国办发〔2020〕49号', '拟列入黑名单告知书编号 YH-WXHMD-<年份>-<4位序号>'),
  blacklistDecisionPrefix: entry('YH-WXHMJ', '§03.5; 国办发〔2020〕49号', '列入黑名单决定书编号 YH-WXHMJ-<年份>-<4位序号>'),
  blacklistApproval: entry('maker_checker', '§03.5; 国办发〔2020〕49号; domain.md', '列入和移出黑名单由工作人员提出、审批负责人批准；提出人不得审批；陈述申辩期满或当事人已陈述申辩后方可决定'),
  blacklistEarlyExit: entry('office_assessment', '§03.5', '整改期内积极有效提升整改的，经区网信办评估同意，可结束处罚（提前移出黑名单）'),
  evaluationDimensions: entry(['D1', 'D2', 'D3', 'D4', 'D5'] as const, '§04.5', '守法守规、舆论导向、协会活动、员工培训、配合网信工作'),
  evaluationDefaultWeights: entry({ D1: 20, D2: 20, D3: 20, D4: 20, D5: 20 }, '§04.5', '各维度默认等权'),
  evaluatorsPerAccount: entry(3, '§04.5', '每个账号至少3名评议人员'),
  evaluatorOrganizationsPerAccount: entry(2, '§04.5', '评议人员至少来自2个组织（网络社会组织配合、第三方参与）'),
  trimmedMeanMinScores: entry(4, '§04.5', '4个及以上评分时去掉最高分和最低分'),
  deductionPerViolation: entry(5, '§04.5', '年度内每次查实违规扣5分'),
  deductionPerInterview: entry(10, '§04.5', '年度内每次约谈扣10分'),
  gradeBounds: entry({ A: 90, B: 75, C: 60 }, '§04.4', 'A≥90 优秀，B≥75 良好，C≥60 合格，D<60 不合格'),
  outlierStdDevs: entry(2, 'design', '评分偏离他人两个标准差以上的评议人员提示办公室'),
  evaluationScoreRange: entry({ min: 0, max: 100 }, '§04.5; domain.md', '每个维度按百分制评分（0-100的整数）'),
  evaluationAccountStates: entry(['filed', 'restricted', 'suspended'] as const, '§04.4; design', '参加年度评议的账号：已备案（含正在限制发布、暂停更新的）；已关闭、注销的不参加'),
  evaluationLoadSpread: entry(1, '§04.5; design', '同一年度内各评议人员承担的账号数相差不超过1个'),
  evaluationPublication: entry('maker_checker', '§04.5; domain.md', '评议结果经审批负责人批准后公布；批准人不得是结束评议（计算结果）的工作人员'),
  commendationGrade: entry('A', '§04.5', '对评议等级为优秀（A）的账号予以表扬'),
  // 双随机一公开 inspections (issue 5): seed 000 三(一)2 and the State Council's opinion 国发〔2019〕5号.
  inspectionMinShare: entry(0.5, 'seed 000 三(一)2; 国发〔2019〕5号', '双随机抽查比例不少于辖区内监管对象数的50%；抽查比例以万分之一为单位'),
  inspectionDefaultWeights: entry(
    { A: 1, B: 1, C: 2, D: 3, ungraded: 1 } as const,
    '§04.4; 国发〔2019〕5号',
    '分级分类监管：评价等级为C（合格）、D（不合格）的账号提高被抽中的概率（权重为正整数）',
  ),
  inspectionOfficersPerInspection: entry(2, '国发〔2019〕5号; 《行政处罚法》第四十二条', '每个抽中的账号随机选派两名不同的在岗执法检查人员'),
  inspectionAccountStates: entry(['filed', 'restricted', 'suspended'] as const, 'seed 000; design', '抽查对象：已备案的账号（含正在限制发布、暂停更新的）；已关闭、注销的不抽查'),
  inspectionDrawPrefix: entry('YH-WXCC', 'design', '抽查编号 YH-WXCC-<年份>-<4位序号>'),
  creditPublicityYears: entry(
    3,
    'seed 000 三(二)3; 国家发展改革委令2023年第58号; design',
    '处置措施推送信用信息共享平台的公示截止期：决定日期起3年（最长公示期），措施提前解除的至解除之日',
  ),
  campaignAttributionMonths: entry(12, 'seed 001; design', '专项行动汇总表：约谈、处置措施按账号在该措施前12个月内查实违规的类别归类（与§03.5违规统计窗口一致）'),
  loginMaxFailures: entry(5, 'GB/T 22239-2019 8.1.4.1', '连续5次登录失败锁定'),
  loginLockMinutes: entry(15, 'GB/T 22239-2019 8.1.4.1', '锁定15分钟'),
  accessTokenMinutes: entry(30, 'GB/T 22239-2019 8.1.4.1', '登录超时30分钟'),
} as const;

export type PolicyKey = keyof typeof POLICY;

/** What a decision stores to say why: the entry, its citation and the policy version. */
export function policyRef(key: PolicyKey): { policyKey: PolicyKey; citation: string; policyVersion: string } {
  return { policyKey: key, citation: POLICY[key].citation, policyVersion: POLICY_VERSION };
}
