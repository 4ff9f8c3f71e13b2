import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { AccountsService } from './accounts.service.js';
import { PublicAccountQuery } from './dto/account.dto.js';

/**
 * The public lookup (no login): accounts that are filed or under a measure in force (restricted,
 * suspended, closed; `status`/`statusLabel` say which). Never pending, rejected or deregistered ones;
 * no ids, phones or ID numbers; an individual's name keeps only the surname.
 */
@ApiTags('public')
@Controller('api/public/accounts')
export class PublicAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Public()
  @RateLimit('public')
  list(@Query() q: PublicAccountQuery) {
    return this.accounts.publicList(q);
  }

  @Get(':filingNo')
  @Public()
  @RateLimit('public')
  one(@Param('filingNo') filingNo: string) {
    return this.accounts.publicOne(filingNo);
  }
}
