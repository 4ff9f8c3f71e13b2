import { Module } from '@nestjs/common';
import { AccountSearch } from './account-search.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { PublicAccountsController } from './public-accounts.controller.js';
import { RegistryService } from './registry.service.js';
import { SubjectsController } from './subjects.controller.js';
import { SubjectsService } from './subjects.service.js';

/** Subjects, accounts, review and filing numbers, the public lookup (domain.md "Registry"). */
@Module({
  controllers: [SubjectsController, AccountsController, PublicAccountsController],
  providers: [SubjectsService, AccountsService, AccountSearch, RegistryService],
  exports: [RegistryService],
})
export class RegistryModule {}
