import { Module } from '@nestjs/common';

/** Subjects, accounts, review and filing numbers, the public lookup (domain.md "Registry"). */
@Module({})
export class RegistryModule {}
