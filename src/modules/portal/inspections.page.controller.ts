import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Public, Roles } from '../../common/auth/decorators.js';
import type { ErrorDetail } from '../../common/errors/error-code.js';
import { IdParam } from '../../common/http/id-param.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { deskNavFor } from '../../common/views/nav.js';
import { POLICY } from '../../policy/policy-table.js';
import { beijingDate } from '../calendar/deadline-calendar.js';
import { CreateDrawDto, InspectionQuery, InspectionResultDto } from '../inspections/dto/inspection.dto.js';
import { GRADE_CLASSES } from '../inspections/inspection-draw.js';
import { InspectionsService } from '../inspections/inspections.service.js';
import { statusOf } from './enforcement-views.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const WEIGHT_FIELDS: Record<string, string> = { A: 'weightA', B: 'weightB', C: 'weightC', D: 'weightD', ungraded: 'weightUngraded' };
const GRADE_TEXT: Record<string, string> = { A: 'A（优秀）', B: 'B（良好）', C: 'C（合格）', D: 'D（不合格）', ungraded: '尚无等级' };

/** The page's field names for the DTO's (weighting.C → weightC, violation.facts → violationFacts). */
function pageField(field: string): string {
  const w = /^weighting\.(\w+)$/.exec(field);
  if (w) return WEIGHT_FIELDS[w[1]] ?? field;
  if (field === 'weighting') return 'weightC';
  if (field === 'share') return 'sharePercent';
  const v = /^violation\.(\w+)$/.exec(field);
  if (v) return `violation${v[1][0].toUpperCase()}${v[1].slice(1)}`;
  return field;
}

const renamed = (errors: ErrorDetail[]) => errors.map((e) => ({ ...e, field: pageField(e.field) }));

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * 双随机抽查 (seed 000) for officers: the draw form, the draws, the officer's own inspections and
 * the result form; and the public page of a draw (公开), from which anyone can run it again.
 */
@ApiExcludeController()
@Controller()
export class InspectionsPageController {
  constructor(
    private readonly page: PageContext,
    private readonly inspections: InspectionsService,
  ) {}

  @Roles('officer')
  @Get('officer/inspections')
  desk(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.renderDesk(req, reply, query, { values: {}, errors: [] }, 200);
  }

  @Roles('officer')
  @Post('officer/inspections/draws')
  async draw(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const errors: ErrorDetail[] = [];
    const plain: Record<string, unknown> = {};
    const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
    const known = new Set(['sharePercent', 'seed', ...Object.values(WEIGHT_FIELDS)]);
    for (const k of Object.keys(values)) if (!known.has(k)) errors.push({ field: k, code: 'unknown_field', message: '不允许的字段' });

    const pct = text('sharePercent');
    if (pct !== '') {
      if (!NUMBER.test(pct)) errors.push({ field: 'sharePercent', code: 'isNumber', message: '抽查比例应为数字（如 50）' });
      else plain.share = Math.round(Number(pct) * 100) / 10000;
      if (NUMBER.test(pct) && !/^\d+(\.\d{1,2})?$/.test(pct)) errors.push({ field: 'sharePercent', code: 'maxDecimalPlaces', message: '抽查比例最多保留2位小数' });
    }
    if (text('seed') !== '') plain.seed = text('seed');
    const weighting: Record<string, unknown> = {};
    for (const [grade, field] of Object.entries(WEIGHT_FIELDS)) {
      const v = text(field);
      if (v === '') continue;
      weighting[grade] = /^\d+$/.test(v) ? Number(v) : v;
    }
    if (Object.keys(weighting).length) plain.weighting = weighting;

    if (!errors.length) {
      const form = await readForm(CreateDrawDto, plain);
      if (!form.ok) errors.push(...renamed(form.state.errors));
      else {
        try {
          const draw = await this.inspections.draw(actorOf(req), req.user!, form.dto);
          return this.page.redirect(reply, `/officer/inspections/draws/${draw.id}?done=drawn`);
        } catch (e) {
          return this.renderDesk(req, reply, {}, { values, errors: renamed(formErrorsFrom(e)) }, statusOf(e));
        }
      }
    }
    return this.renderDesk(req, reply, {}, { values, errors }, 400);
  }

  @Roles('officer')
  @Get('officer/inspections/draws/:id')
  async drawPage(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    const draw = await this.inspections.getDraw(id);
    return this.page.render(req, reply, 'inspections/draw', {
      title: `双随机抽查 ${draw.drawNo}`,
      deskNav: deskNavFor(req.user?.role, req.url),
      draw,
      weights: GRADE_CLASSES.map((g) => ({ grade: GRADE_TEXT[g], weight: draw.parameters.weights[g] })),
      sharePercent: draw.parameters.shareBasisPoints / 100,
      done: done === 'drawn',
      userId: req.user!.id,
    });
  }

  @Roles('officer')
  @Get('officer/inspections/:id')
  inspectionPage(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Query('done') done?: unknown) {
    return this.renderInspection(req, reply, id, { values: {}, errors: [] }, 200, done === 'recorded');
  }

  @Roles('officer')
  @Post('officer/inspections/:id/result')
  async result(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const values = formValues(body);
    const known = new Set(['findings', 'violationFound', 'violationCategory', 'violationFacts', 'violationOccurredAt']);
    const unknown = Object.keys(values).filter((k) => !known.has(k));
    if (unknown.length) {
      return this.renderInspection(req, reply, id, { values, errors: unknown.map((f) => ({ field: f, code: 'unknown_field', message: '不允许的字段' })) }, 400, false);
    }
    const plain: Record<string, unknown> = { findings: values.findings };
    if (values.violationFound === 'yes') {
      plain.violation = { category: values.violationCategory, facts: values.violationFacts, occurredAt: values.violationOccurredAt };
      for (const [k, v] of Object.entries(plain.violation as Record<string, unknown>)) {
        if (typeof v === 'string' && v.trim() === '') delete (plain.violation as Record<string, unknown>)[k];
      }
    } else if (values.violationFound !== 'no') {
      return this.renderInspection(req, reply, id, { values, errors: [{ field: 'violationFound', code: 'required', message: '请选择是否发现违规' }] }, 400, false);
    }
    const form = await readForm(InspectionResultDto, plain, { labels: { findings: '检查情况' } });
    if (!form.ok) return this.renderInspection(req, reply, id, { values, errors: renamed(form.state.errors) }, 400, false);
    try {
      await this.inspections.recordResult(actorOf(req), req.user!, id, form.dto);
    } catch (e) {
      return this.renderInspection(req, reply, id, { values, errors: renamed(formErrorsFrom(e)) }, statusOf(e), false);
    }
    return this.page.redirect(reply, `/officer/inspections/${id}?done=recorded`);
  }

  // ---- 公开: the public pages of the draws ------------------------------------------------------

  @Public()
  @RateLimit('public')
  @Get('inspections')
  async publicList(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const q = listQuery(query);
    const draws = await this.inspections.publicDraws({ page: q.page, pageSize: q.pageSize });
    return this.page.render(req, reply, 'inspections/public-list', { title: '双随机抽查公开', draws, query: {} });
  }

  @Public()
  @RateLimit('public')
  @Get('inspections/draws/:id')
  async publicDraw(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string) {
    const draw = await this.inspections.publicDraw(id);
    return this.page.render(req, reply, 'inspections/public-draw', {
      title: `双随机抽查公开 ${draw.drawNo}`,
      draw,
      weights: GRADE_CLASSES.map((g) => ({ grade: GRADE_TEXT[g], weight: draw.parameters.weights[g] })),
      sharePercent: draw.parameters.shareBasisPoints / 100,
    });
  }

  // ---- rendering -------------------------------------------------------------------------------

  private async renderDesk(req: PageRequest, reply: FastifyReply, query: Record<string, unknown>, form: FormState, status: number) {
    const user = req.user!;
    const q = listQuery(query);
    const [draws, mine] = await Promise.all([
      this.inspections.listDraws({ page: 1, pageSize: 20 }),
      this.inspections.listInspections(user, Object.assign(new InspectionQuery(), { mine: 'true', page: q.page, pageSize: q.pageSize })),
    ]);
    const defaults = POLICY.inspectionDefaultWeights.value;
    return this.page.render(
      req,
      reply,
      'inspections/desk',
      {
        title: '双随机抽查',
        deskNav: deskNavFor(user.role, req.url),
        form,
        defaults: {
          sharePercent: POLICY.inspectionMinShare.value * 100,
          minPercent: POLICY.inspectionMinShare.value * 100,
          citation: POLICY.inspectionMinShare.citation,
          weights: GRADE_CLASSES.map((g) => ({ name: WEIGHT_FIELDS[g], label: g === 'ungraded' ? '尚无评价等级的账号的权重' : `等级${GRADE_TEXT[g]}的权重`, value: defaults[g] })),
        },
        draws,
        mine,
        query: {},
      },
      status,
    );
  }

  private async renderInspection(req: PageRequest, reply: FastifyReply, id: string, form: FormState, status: number, done: boolean) {
    const user = req.user!;
    const inspection = await this.inspections.getInspection(id);
    const assigned = inspection.officerIds.includes(user.id);
    return this.page.render(
      req,
      reply,
      'inspections/inspection',
      {
        title: `抽查检查：${inspection.accountName}`,
        deskNav: deskNavFor(user.role, req.url),
        inspection,
        canRecord: assigned && inspection.status === 'planned',
        assigned,
        form,
        categories: optionsOf('violationCategory').map((o) => ({ value: o.value, text: `${o.value} ${o.text}` })),
        found: [
          { value: 'no', text: '未发现违规' },
          { value: 'yes', text: '发现违规，记入违规记录' },
        ],
        today: beijingDate(),
        done,
      },
      status,
    );
  }
}
