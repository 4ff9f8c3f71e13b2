import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { clientIp, Public } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { DESK_BY_ROLE } from '../../common/views/nav.js';
import { type FormState, formErrorsFrom, formValues, readForm } from '../../common/views/form.js';
import { AuthService } from '../auth/auth.service.js';
import { POLICY } from '../../policy/policy-table.js';
import { LoginDto, RegisterDto } from '../users/dto/user.dto.js';
import { PageContext, type PageRequest, safeNext } from './page-context.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const LOGIN_LABELS = { username: '用户名', password: '密码' };
/** What the sign-in page says about the lock (GB/T 22239-2019 8.1.4.1, the policy table). */
const LOCK = { failures: POLICY.loginMaxFailures.value, minutes: POLICY.loginLockMinutes.value };
const SIGNUP_LABELS = { username: '用户名', displayName: '运营主体名称', phone: '手机号码', password: '密码', passwordConfirm: '确认密码' };

/** Sign-in, sign-up, sign-out and the desk each role starts from. */
@ApiExcludeController()
@Controller()
export class AuthPageController {
  constructor(
    private readonly page: PageContext,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Get('login')
  async loginForm(@Req() req: PageRequest, @Res() reply: FastifyReply, @Query('next') next?: unknown, @Query('signedOut') signedOut?: unknown) {
    if (req.user) return this.page.redirect(reply, safeNext(next));
    return this.page.render(req, reply, 'auth/login', {
      title: '登录',
      next: safeNext(next, ''),
      signedOut: signedOut === '1',
      lock: LOCK,
      form: { values: {}, errors: [] },
    });
  }

  @Public()
  @RateLimit('auth')
  @Post('login')
  async login(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const next = safeNext(body?.next, '');
    const values = { username: formValues(body).username };
    const again = (form: FormState, status: number) =>
      this.page.render(req, reply, 'auth/login', { title: '登录', next, lock: LOCK, form: { ...form, values } }, status);
    const form = await readForm(LoginDto, body, { pageOnly: ['next'], labels: LOGIN_LABELS });
    if (!form.ok) return again(form.state, 400);
    try {
      const result = await this.auth.login(form.dto, clientIp(req));
      setSessionCookie(reply, result.accessToken, result.expiresIn);
      return this.page.redirect(reply, next || '/desk');
    } catch (e) {
      const errors = formErrorsFrom(e);
      const status = e instanceof AppException ? e.getStatus() : 400;
      // A wrong name or password is one message that points at the first field (it must not say which).
      const shown = status === 401 ? [{ field: 'username', code: errors[0].code, message: '用户名或密码错误' }] : errors;
      return again({ values, errors: shown }, status);
    }
  }

  @Public()
  @Get('signup')
  signupForm(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    if (req.user) return this.page.redirect(reply, '/desk');
    return this.page.render(req, reply, 'auth/signup', { title: '注册运营者账户', form: { values: {}, errors: [] } });
  }

  @Public()
  @RateLimit('auth')
  @Post('signup')
  async signup(@Req() req: PageRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>) {
    const typed = formValues(body);
    // Passwords are never sent back into the page.
    const values = { username: typed.username, displayName: typed.displayName, phone: typed.phone };
    const again = (form: FormState) => this.page.render(req, reply, 'auth/signup', { title: '注册运营者账户', form: { ...form, values } }, 400);
    const form = await readForm(RegisterDto, body, { pageOnly: ['passwordConfirm'], labels: SIGNUP_LABELS });
    const errors = form.ok ? [] : [...form.state.errors];
    const confirm = typeof typed.passwordConfirm === 'string' ? typed.passwordConfirm : '';
    if (!confirm) errors.push({ field: 'passwordConfirm', code: 'required', message: '请再次输入密码' });
    else if (confirm !== typed.password) errors.push({ field: 'passwordConfirm', code: 'mismatch', message: '两次输入的密码不一致' });
    if (!form.ok || errors.length > 0) return again({ values, errors });
    try {
      await this.auth.register(form.dto, clientIp(req));
      const result = await this.auth.login({ username: form.dto.username, password: form.dto.password }, clientIp(req));
      setSessionCookie(reply, result.accessToken, result.expiresIn);
      return this.page.redirect(reply, '/operator');
    } catch (e) {
      return again({ values, errors: formErrorsFrom(e) });
    }
  }

  /** For pages that could not carry a token (error pages): a confirmation with its own form. */
  @Public()
  @Get('logout')
  logoutForm(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    if (!req.user) return this.page.redirect(reply, '/login');
    return this.page.render(req, reply, 'auth/logout', { title: '退出登录' });
  }

  /** Public: an expired session must still be able to clear its cookie. */
  @Public()
  @Post('logout')
  logout(@Res() reply: FastifyReply) {
    clearSessionCookie(reply);
    return this.page.redirect(reply, '/login?signedOut=1');
  }

  /** Each role's own desk. */
  @Get('desk')
  desk(@Req() req: PageRequest, @Res() reply: FastifyReply) {
    return this.page.redirect(reply, DESK_BY_ROLE[req.user!.role]);
  }
}
