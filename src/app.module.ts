import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { jwtKey } from './common/auth/jwt-key.js';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './common/auth/access.guard.js';
import { TokenAuthenticator } from './common/auth/token-authenticator.js';
import { TokenService } from './common/auth/token.service.js';
import { FieldCipher } from './common/crypto/field-cipher.js';
import { SweepSchedule } from './common/schedule/sweep-schedule.js';
import { OfficialDocuments } from './common/documents/official-documents.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { initializeDataSource, resolveDataSourceOptions } from './database/data-source.js';
import { JobLock } from './database/job-lock.js';
import { SequenceService } from './database/sequence.service.js';
import { UnitOfWork } from './database/unit-of-work.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { FEATURE_MODULES } from './feature-modules.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';

/** What every module may inject: configuration, the unit of work, sequences, the cipher, tokens. */
@Global()
@Module({})
class CoreModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        JwtModule.register({ secret: jwtKey(config.jwtSecret) as never, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: FieldCipher, useValue: new FieldCipher(config.dataKey) },
        UnitOfWork,
        SequenceService,
        JobLock,
        OfficialDocuments,
        TokenService,
        TokenAuthenticator,
      ],
      exports: [APP_CONFIG, FieldCipher, UnitOfWork, SequenceService, JobLock, OfficialDocuments, TokenService, JwtModule],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await resolveDataSourceOptions(config.database, { migrationsRun: config.migrationsRun })),
            retryAttempts: 2,
            retryDelay: 500,
          }),
          dataSourceFactory: (options) => initializeDataSource(options!),
        }),
        ...(config.schedulerEnabled ? [ScheduleModule.forRoot()] : []),
        CoreModule.forConfig(config),
        AuditModule,
        IdempotencyModule,
        UsersModule,
        AuthModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        ...(config.schedulerEnabled ? [SweepSchedule] : []),
      ],
    };
  }
}
