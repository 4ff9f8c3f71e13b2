import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Public, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { PageQuery } from '../../common/http/pagination.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { CreateDrawDto, InspectionQuery, InspectionResultDto } from './dto/inspection.dto.js';
import { InspectionsService } from './inspections.service.js';

/** 双随机抽查 (seed 000): the officers draw, inspect and record the results. */
@ApiTags('inspections')
@ApiBearerAuth()
@Roles('officer')
@Controller('api/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  /** Draws accounts and two officers for each from a published seed; answers everything needed to run it again. */
  @Post('draws')
  draw(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @Body() dto: CreateDrawDto) {
    return this.inspections.draw(actor, user, dto);
  }

  @Get('draws')
  draws(@Query() q: PageQuery) {
    return this.inspections.listDraws(q);
  }

  /** The seed, parameters, population in order, officer pool in order and results. */
  @Get('draws/:id')
  drawOne(@IdParam() id: string) {
    return this.inspections.getDraw(id);
  }

  /** `?mine=true` the caller's own; `?status=planned|done`; `?drawId=`. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: InspectionQuery) {
    return this.inspections.listInspections(user, q);
  }

  @Get(':id')
  one(@IdParam() id: string) {
    return this.inspections.getInspection(id);
  }

  /** One of the two officers drawn for it: the findings and, if found, a violation (source: inspection). */
  @Post(':id/result')
  @HttpCode(200)
  result(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Body() dto: InspectionResultDto) {
    return this.inspections.recordResult(actor, user, id, dto);
  }
}

/** 公开: the draws as published, for anyone to check and run again. */
@ApiTags('public')
@Controller('api/public/inspections/draws')
export class PublicInspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @Public()
  @RateLimit('public')
  list(@Query() q: PageQuery) {
    return this.inspections.publicDraws(q);
  }

  @Get(':id')
  @Public()
  @RateLimit('public')
  one(@IdParam() id: string) {
    return this.inspections.publicDraw(id);
  }
}
