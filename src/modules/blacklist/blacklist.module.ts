import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { BlacklistCandidates } from './blacklist-candidates.js';
import { BlacklistCredit } from './blacklist-credit.js';
import { BlacklistEarlyExit } from './blacklist-early-exit.js';
import { BlacklistExpiry } from './blacklist-expiry.js';
import { AccountCreditController, BlacklistController, PublicBlacklistController } from './blacklist.controller.js';
import { BlacklistService } from './blacklist.service.js';

/** The blacklist of §03.5 with due process: candidates, notice, defence, decision, term, early exit, joint restriction. */
@Module({
  imports: [RegistryModule],
  controllers: [BlacklistController, PublicBlacklistController, AccountCreditController],
  providers: [BlacklistService, BlacklistCandidates, BlacklistCredit, BlacklistEarlyExit, BlacklistExpiry],
  exports: [BlacklistService, BlacklistEarlyExit],
})
export class BlacklistModule {}
