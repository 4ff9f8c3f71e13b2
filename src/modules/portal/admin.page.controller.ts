import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf, Roles } from '../../common/auth/decorators.js';
import { ROLES } from '../../common/auth/roles.js';
import { IdParam } from '../../common/http/id-param.js';
import { optionsOf } from '../../common/views/domain-labels.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { CreateUserDto, UpdateUserDto } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { PageContext, type PageRequest } from './page-context.js';
import { listQuery } from './page-query.js';

const USER_LABELS = { username: '用户名', password: '初始密码', role: '角色', displayName: '姓名', organization: '所属单位' };

/** The sysadmin's desk: users and roles, nothing else (separation of duties). */
@ApiExcludeController()
@Roles('sysadmin')
@Controller('admin/users')
export class AdminPageController {
  constructor(
    private readonly page: PageContext,
    private readonly users: UsersService,
  ) {}

  @Get()
  async list(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    return this.show(req, reply, query, { values: {}, errors: [] }, 200);
  }

  @Post()
  async create(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const typed = formValues(body);
    const values = { username: typed.username, role: typed.role, displayName: typed.displayName, organization: typed.organization };
    const form = await readForm(CreateUserDto, body, { labels: USER_LABELS, choices: ['role'] });
    if (!form.ok) return this.show(req, reply, {}, { values, errors: form.state.errors }, 400);
    try {
      const created = await this.users.create(actorOf(req), form.dto);
      return this.page.redirect(reply, `/admin/users?created=${encodeURIComponent(created.username)}`);
    } catch (e) {
      return this.show(req, reply, {}, { values, errors: formErrorsFrom(e) }, 400);
    }
  }

  /** Disable or enable a user (disabling ends their sessions at once). */
  @Post(':id/status')
  async setStatus(@Req() req: PageRequest, @Res() reply: FastifyReply, @IdParam() id: string, @Body() body: Record<string, unknown>) {
    const form = await readForm(UpdateUserDto, { status: formValues(body).status }, {});
    if (!form.ok || !form.dto.status) return this.show(req, reply, {}, { values: {}, errors: [{ field: '', code: 'invalid', message: '请选择停用或启用' }] }, 400);
    await this.users.update(actorOf(req), id, { status: form.dto.status });
    return this.page.redirect(reply, '/admin/users');
  }

  private async show(req: PageRequest, reply: FastifyReply, query: Record<string, unknown>, form: FormState, status: number) {
    const q = listQuery(query, { role: ROLES as readonly string[] });
    const page = await this.users.list({ page: q.page, pageSize: q.pageSize, role: q.role as string | undefined });
    return this.page.render(req, reply, 'admin/users', {
      title: '用户管理',
      users: page,
      query: { role: q.role },
      roles: optionsOf('role'),
      created: typeof query.created === 'string' ? query.created : null,
      form,
    }, status);
  }
}
