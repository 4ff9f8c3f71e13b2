import { Module } from '@nestjs/common';
import { RegistryImportController } from './registry-import.controller.js';
import { RegistryImportService } from './registry-import.service.js';

/**
 * 批量导入 of the existing registry. Writes the registry's tables (subject, media_account,
 * account_name_gram) directly with multi-row INSERTs, reusing the registry's validators, filing
 * number format and the search's gram function (docs/decisions.md "Bulk import").
 */
@Module({
  controllers: [RegistryImportController],
  providers: [RegistryImportService],
  exports: [RegistryImportService],
})
export class RegistryImportModule {}
