import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { EvaluationCycle, EvaluationScore, EvaluatorFlag } from '../../src/modules/evaluation/evaluation.entity.js';
import { type FiledAccount, filedAccount } from '../factories/registry.js';
import { ADMIN, bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { mainText as rawText, summaryOf, Visitor } from '../helpers/visitor.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const YEAR = 2025;
const DIMS = ['D1', 'D2', 'D3', 'D4', 'D5'] as const;
type Person = { id: string; token: string; username: string };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };
/** The text of <main> as a reader sees it (entities decoded). */
const mainText = (html: string) => rawText(html).replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => ENTITIES[e]);

/** The value attribute of an input, by id. */
function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

function textareaValue(html: string, id: string): string | undefined {
  return new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
}

/**
 * The annual evaluation's pages (issue 4 "Portal") on one database: an officer creates the 2025
 * cycle through the form (errors first), opens it and assigns evaluators; evaluators score through
 * the scoring form (errors first, then a re-submission); the officer closes it; an approver who
 * closed it may not publish, another one does; the public and the operator see the grades.
 */
describe('portal: annual evaluation pages', () => {
  let t: TestApp;
  let db: DataSource;
  let officer: Person;
  let approver: Person;
  /** Two from the association, one from 梦想驿站, one from the expert pool. */
  const E: Person[] = [];
  let acc1: FiledAccount;
  let acc2: FiledAccount;
  let cycleId = '';
  const v: Record<string, Visitor> = {};
  /** Every evaluator gives acc1 92 and acc2 72 on every dimension: A and C whatever the panel. */
  const markOf = (accountId: string) => (accountId === acc1.accountId ? 92 : 72);

  const visitor = () => new Visitor(t);
  const assignmentsOf = async (p: Person) => {
    const res = await t.http.get(`/api/evaluation-assignments?cycleId=${cycleId}&pageSize=100`).set(bearer(p.token));
    expect(res.status).toBe(200);
    return res.body.items as { id: string; accountId: string; status: string }[];
  };
  const marks = (n: number | string, over: Record<string, string> = {}) => ({ ...Object.fromEntries(DIMS.map((d) => [d, String(n)])), ...over });

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(DataSource);
    officer = await t.user('officer', { displayName: '李评价' });
    approver = await t.user('approver', { displayName: '陈主任' });
    E.push(await t.user('evaluator', { organization: '余杭区网络文化协会', displayName: '评议甲' }));
    E.push(await t.user('evaluator', { organization: '余杭区网络文化协会', displayName: '评议乙' }));
    E.push(await t.user('evaluator', { organization: '余杭区梦想驿站互联网文化服务中心', displayName: '评议丙' }));
    E.push(await t.user('evaluator', { organization: '第三方专家库', displayName: '评议丁' }));
    acc1 = await filedAccount(t, officer.token, { name: '余杭发布生活' });
    acc2 = await filedAccount(t, officer.token, { name: '良渚文化圈', platform: 'douyin' });
    v.officer = await visitor().signIn(officer.username);
    v.approver = await visitor().signIn(approver.username);
    for (const [i, e] of E.entries()) v[`e${i}`] = await visitor().signIn(e.username);
    v.owner1 = await visitor().signIn(acc1.operator.username);
    v.owner2 = await visitor().signIn(acc2.operator.username);
    v.auditor = await visitor().signIn((await t.user('auditor')).username);
    v.sysadmin = await visitor().signIn(ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('who may see which page', () => {
    it('anonymous visitors of the desks are sent to sign in; the public pages are open', async () => {
      for (const path of [
        '/officer/evaluation',
        `/officer/evaluation/${UNKNOWN_ID}`,
        `/officer/evaluation/${UNKNOWN_ID}/results/${UNKNOWN_ID}`,
        '/approver/evaluation',
        `/approver/evaluation/${UNKNOWN_ID}`,
        `/evaluator/assignments/${UNKNOWN_ID}`,
        '/operator/evaluations',
      ]) {
        const res = await t.http.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 303 });
        expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
      const pub = await t.http.get('/evaluations');
      expect(pub.status).toBe(200);
      expect(pub.text).toContain('<h1>年度信用评价结果</h1>');
      expect(pub.text).toContain('尚未公布年度信用评价结果');
      expect(pub.text).toMatch(/<a href="\/evaluations" aria-current="page">信用评价结果<\/a>/);
      // The home page links to it too.
      expect((await t.http.get('/')).text).toContain('href="/evaluations"');
      // A year not published (or not a year) is not there.
      for (const path of [`/evaluations/${YEAR}`, '/evaluations/20x5', '/evaluations/12345']) {
        const res = await t.http.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });

    it('an anonymous form post is refused (401) and creates nothing', async () => {
      const res = await visitor().post('/officer/evaluation', { year: String(YEAR), ...Object.fromEntries(DIMS.map((d) => [`weight${d}`, '20'])) });
      expect(res.status).toBe(401);
      expect(await db.getRepository(EvaluationCycle).count()).toBe(0);
    });

    it('each page answers the 403 page to the other roles', async () => {
      const pages: [string, string[]][] = [
        ['/officer/evaluation', ['approver', 'e0', 'owner1', 'auditor', 'sysadmin']],
        [`/officer/evaluation/${UNKNOWN_ID}`, ['approver', 'e0', 'owner1']],
        ['/approver/evaluation', ['officer', 'e0', 'owner1', 'auditor', 'sysadmin']],
        [`/approver/evaluation/${UNKNOWN_ID}`, ['officer', 'e0', 'owner1']],
        [`/evaluator/assignments/${UNKNOWN_ID}`, ['officer', 'approver', 'owner1', 'auditor']],
        ['/operator/evaluations', ['officer', 'approver', 'e0', 'auditor', 'sysadmin']],
      ];
      for (const [path, who] of pages) {
        for (const name of who) {
          const res = await v[name].get(path);
          expect({ path, name, status: res.status }).toEqual({ path, name, status: 403 });
          expect(res.text).toContain('无权访问');
        }
      }
      // Posts too: an approver cannot create a cycle, an officer cannot publish.
      expect((await v.approver.post('/officer/evaluation', { year: String(YEAR) })).status).toBe(403);
      expect((await v.officer.post(`/approver/evaluation/${UNKNOWN_ID}/publish`)).status).toBe(403);
      expect((await v.owner1.post(`/evaluator/assignments/${UNKNOWN_ID}`, marks(80))).status).toBe(403);
    });

    it('unknown and malformed ids are 404 for the roles that may look', async () => {
      for (const [name, path] of [
        ['officer', `/officer/evaluation/${UNKNOWN_ID}`],
        ['officer', '/officer/evaluation/not-a-uuid'],
        ['approver', `/approver/evaluation/${UNKNOWN_ID}`],
        ['e0', `/evaluator/assignments/${UNKNOWN_ID}`],
        ['e0', '/evaluator/assignments/123'],
      ] as const) {
        expect({ path, status: (await v[name].get(path)).status }).toEqual({ path, status: 404 });
      }
    });

    it('the desks link to the evaluation pages', async () => {
      const officerDesk = await v.officer.get('/officer');
      expect(officerDesk.text).toContain('<a href="/officer/evaluation">年度评议</a>');
      expect(officerDesk.text).toContain('<a href="/officer/evaluation">年度信用评价</a>');
      const approverDesk = await v.approver.get('/approver');
      expect(approverDesk.text).toContain('待批准公布的年度信用评价');
      expect(approverDesk.text).toContain('没有待批准公布的年度信用评价');
      const ownerDesk = await v.owner1.get('/operator');
      expect(ownerDesk.text).toContain('<a href="/operator/evaluations">信用评价</a>');
      const evaluatorDesk = await v.e0.get('/evaluator');
      expect(evaluatorDesk.status).toBe(200);
      expect(evaluatorDesk.text).toContain('暂无评议任务');
      // The dimensions are explained on the desk.
      expect(evaluatorDesk.text).toContain('D4 企业内部员工培训和团队建设');
      expect(evaluatorDesk.text).toContain('第二部分第5-7条');
    });
  });

  describe('the officer runs the cycle', () => {
    it('the form is prefilled with the year and equal weights', async () => {
      const res = await v.officer.get('/officer/evaluation');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>年度信用评价</h1>');
      expect(res.text).toContain('还没有建立年度评议');
      expect(res.text).toMatch(/<a href="\/officer\/evaluation" aria-current="page">年度评议<\/a>/);
      expect(inputValue(res.text, 'year')).toMatch(/^\d{4}$/);
      expect(inputValue(res.text, 'weights')).toBe('20');
      expect(inputValue(res.text, 'weights-D5')).toBe('20');
    });

    it('bad answers come back with the summary, the messages beside the fields and what was typed', async () => {
      const weights = (w: (string | undefined)[]) => Object.fromEntries(DIMS.map((d, i) => [`weight${d}`, w[i]]));
      // Weights not summing to 100: one message for the group, linked to its first box.
      const sum = await v.officer.post('/officer/evaluation', { year: String(YEAR), ...weights(['30', '20', '20', '20', '20']) });
      expect(sum.status).toBe(400);
      expect(summaryOf(sum.text)).toEqual([['#weights', '五个维度的权重之和应为100（现为110）']]);
      expect(sum.text).toContain('<title>错误：');
      expect(sum.text).toMatch(/<span class="error-message" id="weights-error"><span class="visually-hidden">错误：<\/span>五个维度的权重之和应为100（现为110）<\/span>/);
      expect(inputValue(sum.text, 'weights')).toBe('30');
      expect(inputValue(sum.text, 'year')).toBe(String(YEAR));
      // A weight that is not a whole number is marked beside its own box.
      const word = await v.officer.post('/officer/evaluation', { year: String(YEAR), ...weights(['20', '20', '二十', '20', '20']) });
      expect(word.status).toBe(400);
      expect(summaryOf(word.text)).toEqual([['#weights', '每个维度的权重应为0至100的整数']]);
      expect(word.text).toMatch(/class="input input--short input--error" id="weights-D3" name="weightD3"[^>]*value="二十"/);
      // A missing weight, a missing year.
      const missing = await v.officer.post('/officer/evaluation', { year: '', ...weights(['25', '25', '25', '25', '']) });
      expect(missing.status).toBe(400);
      expect(summaryOf(missing.text)).toEqual([
        ['#year', '请填写评议年度'],
        ['#weights', '权重须且只须包含 D1 至 D5 五个维度（缺少 D5）'],
      ]);
      const early = await v.officer.post('/officer/evaluation', { year: '2018' });
      expect(early.status).toBe(400);
      expect(summaryOf(early.text)).toEqual([['#year', '年度不能早于本办法施行的2019年']]);
      const extra = await v.officer.post('/officer/evaluation', { year: String(YEAR), status: 'published' });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#status', '不允许的字段']]);
      expect(await db.getRepository(EvaluationCycle).count()).toBe(0);
    });

    it('creates the cycle with the weights typed; a second one for the year is refused beside the year', async () => {
      const res = await v.officer.post('/officer/evaluation', { year: String(YEAR), weightD1: '25', weightD2: '25', weightD3: '20', weightD4: '15', weightD5: '15' });
      expect(res.status).toBe(303);
      const m = /^\/officer\/evaluation\/([0-9a-f-]{36})\?done=created$/.exec(res.headers.location);
      expect(m).not.toBeNull();
      cycleId = m![1];
      const page = await v.officer.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`${YEAR}年度评议已建立（草稿）`);
      expect(page.text).toContain('D1 守法守规：25%');
      expect(page.text).toContain('D5 配合网信部门工作：15%');
      expect(page.text).toContain('<button type="submit" class="button">启动评议</button>');
      expect(page.text).not.toContain('分配评议人员</button>');

      const dup = await v.officer.post('/officer/evaluation', { year: String(YEAR) });
      expect(dup.status).toBe(409);
      expect(summaryOf(dup.text)).toEqual([['#year', `${YEAR}年度的评议已经建立`]]);
      const list = await v.officer.get('/officer/evaluation');
      expect(list.text).toContain(`<a href="/officer/evaluation/${cycleId}">${YEAR}年度</a>`);
      expect(list.text).toContain('草稿');
      // The default year of the form moves past a year that has its cycle.
      expect(inputValue(list.text, 'year')).not.toBe(undefined);
    });

    it('opens it; a one-button form with extra fields is refused', async () => {
      const extra = await v.officer.post(`/officer/evaluation/${cycleId}/open`, { status: 'open' });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['', '不允许的字段：status']]);
      const res = await v.officer.post(`/officer/evaluation/${cycleId}/open`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/officer/evaluation/${cycleId}?done=opened`);
      const page = await v.officer.get(res.headers.location);
      expect(page.text).toContain('权重自此不能修改');
      expect(inputValue(page.text, 'assign-evaluatorsPerAccount')).toBe('3');
      // Opening twice: the state machine's refusal, said on the page.
      const again = await v.officer.post(`/officer/evaluation/${cycleId}/open`);
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toContain('不允许执行');
    });

    it('assigns evaluators: fewer than 3 is refused beside the field, then every filed account gets 3', async () => {
      const few = await v.officer.post(`/officer/evaluation/${cycleId}/assign`, { evaluatorsPerAccount: '2' });
      expect(few.status).toBe(400);
      expect(summaryOf(few.text)).toEqual([['#assign-evaluatorsPerAccount', '每个账号至少3名评议人员']]);
      expect(inputValue(few.text, 'assign-evaluatorsPerAccount')).toBe('2');
      // More than the pool: the planner's refusal (409) beside the field.
      const many = await v.officer.post(`/officer/evaluation/${cycleId}/assign`, { evaluatorsPerAccount: '5' });
      expect(many.status).toBe(409);
      expect(summaryOf(many.text)[0]).toEqual(['#assign-evaluatorsPerAccount', '每个账号需要5名评议人员，现有在岗评议人员4名']);
      const res = await v.officer.post(`/officer/evaluation/${cycleId}/assign`, { evaluatorsPerAccount: '3' });
      expect(res.status).toBe(303);
      const page = await v.officer.get(res.headers.location);
      expect(page.text).toContain('已为2个账号分配6份评议任务');
      expect(page.text).toContain('0份已评，6份待评');
      expect(page.text).toContain('还有6份评分未提交');
    });

    it('cannot close while scores are missing: the message is shown on the page', async () => {
      const res = await v.officer.post(`/officer/evaluation/${cycleId}/close`);
      expect(res.status).toBe(409);
      expect(summaryOf(res.text)).toEqual([['', '6份评议任务尚未评分']]);
    });
  });

  describe('evaluators score', () => {
    let mine: { id: string; accountId: string }[] = [];
    let other: { id: string; accountId: string };

    it('the desk lists my assignments of the scoring cycle with account, platform, filing number and state', async () => {
      mine = await assignmentsOf(E[0]);
      expect(mine.length).toBeGreaterThan(0);
      other = (await assignmentsOf(E[1])).find((a) => !mine.some((x) => x.id === a.id))!;
      const res = await v.e0.get('/evaluator');
      expect(res.status).toBe(200);
      expect(res.text).toContain(`${YEAR}年度自媒体账号信用评价正在评分`);
      expect(res.text).not.toContain('您目前没有评议任务');
      for (const a of mine) {
        const acc = a.accountId === acc1.accountId ? acc1 : acc2;
        expect(res.text).toContain(`<a href="/evaluator/assignments/${a.id}">${acc.name}</a>`);
        expect(res.text).toContain(acc.filingNo);
      }
      expect(mainText(res.text)).toContain(`共 ${mine.length} 个账号：已评分 0 个，待评分 ${mine.length} 个`);
      expect(res.text).toContain('待评分');
    });

    it('the scoring form explains the five dimensions and shows the weights', async () => {
      const res = await v.e0.get(`/evaluator/assignments/${mine[0].id}`);
      expect(res.status).toBe(200);
      for (const label of ['D1 守法守规（权重25%）', 'D2 坚持正确舆论导向（权重25%）', 'D3 参加行业协会活动（权重20%）', 'D4 企业内部员工培训和团队建设（权重15%）', 'D5 配合网信部门工作（权重15%）']) {
        expect(res.text).toContain(label);
      }
      expect(res.text).toContain('第二部分第2条所列违法违规信息');
      expect(res.text).toContain('id="D1-hint"');
      expect(res.text).toContain('<button type="submit" class="button">提交评分</button>');
      // Another evaluator's assignment is not there for me.
      expect((await v.e0.get(`/evaluator/assignments/${other.id}`)).status).toBe(404);
    });

    it('a score of 101, an empty and a non-number answer come back with the summary and the typed values', async () => {
      const path = `/evaluator/assignments/${mine[0].id}`;
      const res = await v.e0.post(path, { ...marks(90, { D1: '101', D2: '', D3: '八十' }), comment: '内容规范' });
      expect(res.status).toBe(400);
      expect(summaryOf(res.text)).toEqual([
        ['#D1', 'D1（守法守规）的评分不能高于100'],
        ['#D2', '请填写D2（坚持正确舆论导向）的评分'],
        ['#D3', 'D3（参加行业协会活动）的评分应为0-100的整数'],
      ]);
      expect(res.text).toMatch(/<span class="error-message" id="D1-error"><span class="visually-hidden">错误：<\/span>D1（守法守规）的评分不能高于100<\/span>/);
      expect(res.text).toMatch(/id="D1"[^>]*aria-describedby="D1-hint D1-error"[^>]*aria-invalid="true"/);
      expect(inputValue(res.text, 'D1')).toBe('101');
      expect(inputValue(res.text, 'D3')).toBe('八十');
      expect(inputValue(res.text, 'D4')).toBe('90');
      expect(textareaValue(res.text, 'comment')).toBe('内容规范');
      const negative = await v.e0.post(path, marks(-1));
      expect(negative.status).toBe(400);
      expect(summaryOf(negative.text)[0]).toEqual(['#D1', 'D1（守法守规）的评分不能低于0']);
      const extra = await v.e0.post(path, { ...marks(90), evaluatorId: E[1].id });
      expect(extra.status).toBe(400);
      expect(summaryOf(extra.text)).toEqual([['#evaluatorId', '不允许的字段']]);
      expect(await db.getRepository(EvaluationScore).count()).toBe(0);
    });

    it('submits, then a re-submission replaces the score and the page shows the previous one', async () => {
      const a = mine[0];
      const path = `/evaluator/assignments/${a.id}`;
      const first = await v.e0.post(path, { ...marks(markOf(a.accountId) - 10), comment: '初评' });
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe(`${path}?done=scored`);
      const after = await v.e0.get(first.headers.location);
      expect(after.text).toContain('评分已提交');
      expect(after.text).toContain('已评分');
      expect(after.text).toContain('您已提交的评分');
      expect(inputValue(after.text, 'D1')).toBe(String(markOf(a.accountId) - 10));
      expect(textareaValue(after.text, 'comment')).toBe('初评');
      expect(after.text).toContain('重新提交将替换您原来的评分');
      expect(after.text).toContain('<button type="submit" class="button">重新提交评分</button>');

      const second = await v.e0.post(path, { ...marks(markOf(a.accountId)), comment: '复核后调整' });
      expect(second.status).toBe(303);
      expect(second.headers.location).toBe(`${path}?done=rescored`);
      const replaced = await v.e0.get(second.headers.location);
      expect(replaced.text).toContain('评分已修改');
      expect(replaced.text).toContain('（第2次提交）');
      expect(inputValue(replaced.text, 'D5')).toBe(String(markOf(a.accountId)));
      const stored = await db.getRepository(EvaluationScore).find();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ d1: markOf(a.accountId), revision: 2, comment: '复核后调整' });
      const desk = await v.e0.get('/evaluator');
      expect(mainText(desk.text)).toContain(`已评分 1 个，待评分 ${mine.length - 1} 个`);
    });

    it('everyone else scores through the form too', async () => {
      for (const [i, e] of E.entries()) {
        for (const a of await assignmentsOf(e)) {
          if (a.status === 'scored') continue;
          const res = await v[`e${i}`].post(`/evaluator/assignments/${a.id}`, marks(markOf(a.accountId)));
          expect({ id: a.id, status: res.status }).toEqual({ id: a.id, status: 303 });
        }
      }
      const page = await v.officer.get(`/officer/evaluation/${cycleId}`);
      expect(page.text).toContain('全部6份评分已提交');
    });
  });

  describe('closing and publication', () => {
    it('the officer closes the cycle and sees the results, the flags and the workbook link', async () => {
      const res = await v.officer.post(`/officer/evaluation/${cycleId}/close`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/officer/evaluation/${cycleId}?done=closed`);
      // An outlier flag as the closer would record it with more evaluators (four cannot be 2σ apart).
      await db.getRepository(EvaluatorFlag).save(db.getRepository(EvaluatorFlag).create({ cycleId, evaluatorId: E[3].id, dimension: 'D2', deviation: 12.5, zScore: 2.4, accounts: 2 }));
      const page = await v.officer.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain('已计算2个账号的结果');
      expect(page.text).toContain(`/api/evaluation-cycles/${cycleId}/results.xlsx`);
      const text = mainText(page.text);
      expect(text).toContain(`${acc1.filingNo} ${acc1.name}`);
      expect(text).toContain('92.00 0 92.00 A 优秀');
      expect(text).toContain('72.00 0 72.00 C 合格');
      expect(text).toContain('评议丁 第三方专家库 D2 坚持正确舆论导向 偏高 12.5 2.4 2');
      expect(page.text).toContain('结果待审批负责人批准后公布');
      expect(page.text).not.toContain('结束评分并计算结果</button>');
      // Filters: by grade, by name.
      const onlyA = mainText((await v.officer.get(`/officer/evaluation/${cycleId}?grade=A`)).text);
      expect(onlyA).toContain(acc1.name);
      expect(onlyA).not.toContain(acc2.filingNo);
      // The workbook downloads with the page's cookie.
      const xlsx = await v.officer.get(`/api/evaluation-cycles/${cycleId}/results.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });

    it('the officer sees one account’s result with each evaluator’s marks', async () => {
      const res = await v.officer.get(`/officer/evaluation/${cycleId}/results/${acc1.accountId}`);
      expect(res.status).toBe(200);
      const text = mainText(res.text);
      expect(text).toContain('25%×92.00 + 25%×92.00 + 20%×92.00 + 15%×92.00 + 15%×92.00 = 92.00');
      expect(text).toContain('各评议人员的评分');
      expect(text).toMatch(/评议[甲乙丙丁] (余杭区网络文化协会|余杭区梦想驿站互联网文化服务中心|第三方专家库) 92 92 92 92 92/);
      expect((await v.officer.get(`/officer/evaluation/${cycleId}/results/${UNKNOWN_ID}`)).status).toBe(404);
    });

    it('scoring is over: the form is gone and a late post is refused with the reason', async () => {
      const a = (await assignmentsOf(E[0]))[0];
      const page = await v.e0.get(`/evaluator/assignments/${a.id}`);
      expect(page.text).toContain('不能再提交或修改评分');
      expect(page.text).not.toContain('提交评分</button>');
      const late = await v.e0.post(`/evaluator/assignments/${a.id}`, marks(10));
      expect(late.status).toBe(409);
      expect(summaryOf(late.text)[0][1]).toContain('不允许执行');
      const desk = await v.e0.get('/evaluator');
      expect(desk.text).toContain('暂无评议任务');
    });

    it('the approver desk lists the closed cycle awaiting publication', async () => {
      const desk = await v.approver.get('/approver');
      expect(desk.text).toContain(`<a href="/approver/evaluation/${cycleId}">${YEAR}年度信用评价</a>`);
      const list = await v.approver.get('/approver/evaluation');
      expect(list.status).toBe(200);
      expect(list.text).toContain(`<a href="/approver/evaluation/${cycleId}">${YEAR}年度信用评价</a>`);
      expect(list.text).toMatch(/<a href="\/approver\/evaluation" aria-current="page">评议结果公布<\/a>/);
      const page = await v.approver.get(`/approver/evaluation/${cycleId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`批准公布${YEAR}年度评议结果</button>`);
      expect(mainText(page.text)).toContain('92.00 A 优秀');
      expect(page.text).not.toContain('评议丁');
    });

    it('the approver who closed the cycle cannot publish it: the message is shown', async () => {
      const repo = db.getRepository(EvaluationCycle);
      // The closer later became an approver (sysadmin changed the role): maker-checker still holds.
      await repo.update({ id: cycleId }, { closedBy: approver.id });
      try {
        const page = await v.approver.get(`/approver/evaluation/${cycleId}`);
        expect(page.text).toContain('本年度的评议结果是您结束计算的，不能由您批准公布');
        expect((await v.approver.get('/approver')).text).toContain('本人结束计算，不能批准');
        const res = await v.approver.post(`/approver/evaluation/${cycleId}/publish`);
        expect(res.status).toBe(403);
        expect(summaryOf(res.text)).toEqual([['', '不能批准公布自己结束计算的评议结果（谁计算、谁不审批）']]);
        expect((await repo.findOneByOrFail({ id: cycleId })).status).toBe('closed');
      } finally {
        await repo.update({ id: cycleId }, { closedBy: officer.id });
      }
    });

    it('another approver publishes; publishing twice is refused on the page', async () => {
      const extra = await v.approver.post(`/approver/evaluation/${cycleId}/publish`, { status: 'published' });
      expect(extra.status).toBe(400);
      const res = await v.approver.post(`/approver/evaluation/${cycleId}/publish`);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/approver/evaluation/${cycleId}?done=published`);
      const page = await v.approver.get(res.headers.location);
      expect(page.text).toContain(`${YEAR}年度信用评价结果已公布`);
      expect(page.text).not.toContain('批准公布2025年度评议结果</button>');
      const again = await v.approver.post(`/approver/evaluation/${cycleId}/publish`);
      expect(again.status).toBe(409);
      expect(summaryOf(again.text)[0][1]).toContain('不允许执行');
      expect((await v.approver.get('/approver')).text).toContain('没有待批准公布的年度信用评价');
    });
  });

  describe('after publication', () => {
    it('the public sees the year and its grades, with filters', async () => {
      const years = await t.http.get('/evaluations');
      expect(years.text).toContain(`<a href="/evaluations/${YEAR}">${YEAR}年度</a>`);
      const res = await t.http.get(`/evaluations/${YEAR}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<h1>${YEAR}年度自媒体账号信用评价结果</h1>`);
      const text = mainText(res.text);
      expect(text).toContain(`${acc1.filingNo} ${acc1.name} 微信公众号 A 优秀`);
      expect(text).toContain(`${acc2.filingNo} ${acc2.name} 抖音 C 合格`);
      expect(text).toMatch(/A 优秀\s*：1个/);
      // Never a score.
      expect(text).not.toContain('92.00');
      expect(text).not.toContain('评议甲');
      const onlyC = mainText((await t.http.get(`/evaluations/${YEAR}?grade=C`)).text);
      expect(onlyC).toContain(acc2.name);
      expect(onlyC).not.toContain(acc1.filingNo);
      const search = mainText((await t.http.get(`/evaluations/${YEAR}?q=${encodeURIComponent(acc1.filingNo)}`)).text);
      expect(search).toContain('找到 1 个账号');
      // Lenient filters: a bad grade or page falls back.
      expect((await t.http.get(`/evaluations/${YEAR}?grade=Z&page=abc`)).status).toBe(200);
      const beyond = await t.http.get(`/evaluations/${YEAR}?page=9`);
      expect(beyond.text).toContain('没有符合条件的账号');
      // The registry's page of the account shows the grade.
      const registry = mainText((await t.http.get(`/registry/${acc1.filingNo}`)).text);
      expect(registry).toContain('信用等级 优秀');
    });

    it('the operator sees its grades by year and how each was computed, never single evaluators’ marks', async () => {
      const res = await v.owner1.get('/operator/evaluations');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<a href="\/operator\/evaluations" aria-current="page">信用评价<\/a>/);
      const text = mainText(res.text);
      expect(text).toContain(acc1.name);
      expect(text).not.toContain(acc2.name);
      expect(text).toContain(`${YEAR}年度 A 优秀 92.00`);
      expect(text).toContain('25%×92.00 + 25%×92.00 + 20%×92.00 + 15%×92.00 + 15%×92.00 = 92.00');
      expect(text).toContain('0次违规×5分 + 0次约谈×10分 = 0分');
      expect(text).toContain('A≥90，B≥75，C≥60，D<60');
      expect(text).toContain('3个评分取平均');
      expect(text).toContain('《实施办法》第四部分第5条');
      for (const hidden of ['评议甲', '评议乙', '评议丙', '评议丁', '复核后调整', '余杭区网络文化协会']) expect(text).not.toContain(hidden);
      const account = await v.owner1.get(`/operator/accounts/${acc1.accountId}`);
      expect(account.text).toContain(`/operator/evaluations#account-${acc1.accountId}`);
      expect(mainText(account.text)).toContain(`优秀（${YEAR}年度）`);
    });

    it('the officer’s list shows the year published with its grades', async () => {
      const text = mainText((await v.officer.get('/officer/evaluation')).text);
      expect(text).toContain(`${YEAR}年度 已公布 2 6/6（100%） A 1，B 0，C 1，D 0`);
    });
  });
});
