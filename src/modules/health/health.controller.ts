import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators.js';
import { RETRY_AFTER_SECONDS } from '../../common/errors/all-exceptions.filter.js';

/** api.md: 200 {status: ok, database: up}; 503 when the database does not answer within 1.5 s. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly db: TypeOrmHealthIndicator) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    // Terminus 12 answers {database: {status: 'down'}} rather than throwing; both count as down.
    let up = false;
    try {
      const result = await this.db.pingCheck('database', { timeout: 1500 });
      up = result.database?.status === 'up';
    } catch {
      up = false;
    }
    if (up) return { status: 'ok', database: 'up' };
    reply.status(503).header('Retry-After', String(RETRY_AFTER_SECONDS));
    return { status: 'error', database: 'down' };
  }
}
