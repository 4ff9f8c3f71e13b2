import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators.js';

/** api.md: 200 {status: ok, database: up}; 503 when the database does not answer within 1.5 s. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly db: TypeOrmHealthIndicator) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      await this.db.pingCheck('database', { timeout: 1500 });
      return { status: 'ok', database: 'up' };
    } catch {
      reply.status(503);
      return { status: 'error', database: 'down' };
    }
  }
}
