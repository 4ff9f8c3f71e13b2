import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { InterviewDeadlineSweep } from './interview-deadline.sweep.js';
import { InterviewsController } from './interviews.controller.js';
import { InterviewsService } from './interviews.service.js';

/** Interviews (约谈, §03.1-4): notice, hold, rectification, assessment, and the overdue sweep. */
@Module({
  imports: [UsersModule],
  controllers: [InterviewsController],
  providers: [InterviewsService, InterviewDeadlineSweep],
  exports: [InterviewsService],
})
export class InterviewsModule {}
