import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../../common/http/id-param.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, Roles } from '../../common/auth/decorators.js';
import { type Actor, ROLES } from '../../common/auth/roles.js';
import { PageQuery } from '../../common/http/pagination.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

class UserListQuery extends PageQuery {
  @IsOptional()
  @IsIn(ROLES as unknown as string[])
  role?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Roles('sysadmin')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get()
  list(@Query() q: UserListQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
