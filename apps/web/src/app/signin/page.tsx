import { getPrisma } from '@nodescope/db';
import { DEMO_ADMIN_EMAIL, demoAdminExists } from '@nodescope/services/accounts/first-admin';
import { MIN_PASSWORD_LENGTH } from '@nodescope/services/auth/password';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth-server';
import { safeNext } from '@/lib/request-guard';
import './signin.css';

export const metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const ERRORS: Record<string, string> = {
  invalid: 'Wrong e-mail or password.',
  'rate-limited': 'Too many failed sign-ins from here: wait 15 minutes, or ask an admin.',
  'setup-input': `Give an e-mail address and a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
  'setup-used': 'This setup link was used already or has expired: restart the server for a new one.',
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const next = safeNext(one('next'));
  if (await currentSession()) redirect(next);
  const error = ERRORS[one('error') ?? ''];
  const setup = one('setup');
  const demo = !setup && (await demoAdminExists(getPrisma()).catch(() => false));
  return (
    <div className="signin">
      <div className="panel signin-card">
        <h1>{setup ? 'Create the first admin' : 'Sign in to Nodescope'}</h1>
        {error ? (
          <div className="node-error" role="alert">
            {error}
          </div>
        ) : null}
        {demo ? (
          <div className="signin-demo" role="note">
            <strong>Demo mode:</strong> a demo admin <code>{DEMO_ADMIN_EMAIL}</code> exists. Its password was
            printed once on the console of <code>npm start</code> (a line starting with{' '}
            <code>[nodescope] demo admin</code>) and changes on every start; it is also kept in{' '}
            <code>demo-admin-password</code> in the data folder (<code>.nodescope/</code> unless
            NODESCOPE_DATA_DIR says otherwise).
          </div>
        ) : null}
        {setup ? (
          <form method="post" action="/signin/setup" className="signin-form">
            <input type="hidden" name="token" value={setup} />
            <label>
              E-mail
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label>
              Password ({MIN_PASSWORD_LENGTH}+ characters)
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                minLength={MIN_PASSWORD_LENGTH}
                required
              />
            </label>
            <button type="submit" className="btn btn-primary">
              Create admin and sign in
            </button>
          </form>
        ) : (
          <form method="post" action="/signin/password" className="signin-form">
            <input type="hidden" name="next" value={next} />
            <label>
              E-mail
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
            <button type="submit" className="btn btn-primary">
              Sign in
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
