import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentActor, CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { CreateSubjectDto, SubjectGetQuery, SubjectListQuery } from './dto/subject.dto.js';
import { SubjectsService } from './subjects.service.js';

/** 主体 (api.md "Registry"). ID numbers and phones are masked unless ?reveal=true (owner, officer; audited). */
@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/subjects')
export class SubjectsController {
  constructor(private readonly subjects: SubjectsService) {}

  @Post()
  @Roles('operator')
  create(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @Body() dto: CreateSubjectDto) {
    return this.subjects.create(actor, user, dto);
  }

  @Get()
  @Roles('operator', 'officer', 'approver')
  list(@CurrentUser() user: AuthUser, @Query() q: SubjectListQuery) {
    return this.subjects.list(user, q);
  }

  @Get(':id')
  @Roles('operator', 'officer', 'approver')
  get(@CurrentActor() actor: Actor, @CurrentUser() user: AuthUser, @IdParam() id: string, @Query() q: SubjectGetQuery) {
    return this.subjects.get(actor, user, id, q.reveal === 'true');
  }
}
