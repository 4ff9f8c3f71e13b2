import { Module } from '@nestjs/common';

/** Editorial staff, their training and reward/punishment records, versioned roster filings (§02.5-7). */
@Module({})
export class StaffModule {}
